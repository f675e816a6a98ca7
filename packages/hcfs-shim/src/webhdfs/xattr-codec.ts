import { FsError } from 'glusterfs-core';
import type { XAttr, XAttrNamespace } from '../namespace/types.js';

/** How GETXATTRS writes values (WebHDFS `encoding`). */
export type XAttrEncoding = 'text' | 'hex' | 'base64';

const NAMESPACES: readonly XAttrNamespace[] = ['user', 'trusted', 'security', 'system', 'raw'];

/**
 * `user.foo` → `{ namespace: 'user', name: 'foo' }`. The prefix is matched case-insensitively,
 * as Hadoop's XAttrHelper does. EINVAL without a known prefix or with an empty name.
 */
export function parseXAttrName(full: string): XAttr {
  const dot = full.indexOf('.');
  const ns = (dot < 0 ? '' : full.slice(0, dot).toLowerCase()) as XAttrNamespace;
  if (!NAMESPACES.includes(ns) || dot === full.length - 1) {
    throw new FsError('EINVAL', `An XAttr name must be prefixed with user/trusted/security/system/raw, followed by a '.': ${full}`);
  }
  return { namespace: ns, name: full.slice(dot + 1) };
}

/** `namespace.name`, the form WebHDFS shows. */
export function formatXAttrName(x: XAttr): string {
  return `${x.namespace}.${x.name}`;
}

/** The `encoding` parameter (any case); hex when absent, which is lossless and what Hadoop's client asks for. */
export function parseXAttrEncoding(v: string | null): XAttrEncoding {
  if (v === null || v === '') return 'hex';
  const l = v.toLowerCase();
  if (l === 'text' || l === 'hex' || l === 'base64') return l;
  throw new FsError('EINVAL', `Invalid value for webhdfs parameter "encoding": "${v}" (expected text, hex or base64)`);
}

/**
 * Decodes an `xattr.value` as Hadoop's XAttrCodec does: `"…"` is UTF-8 text, `0x…` hex,
 * `0s…` base64 (prefixes in any case), anything else the UTF-8 bytes of the string itself.
 * EINVAL for bad hex.
 */
export function decodeXAttrValue(v: string | null): Buffer {
  if (v === null) return Buffer.alloc(0);
  if (v.length >= 2) {
    const prefix = v.slice(0, 2).toLowerCase();
    if (v.startsWith('"') && v.endsWith('"')) return Buffer.from(v.slice(1, -1), 'utf8');
    if (prefix === '0x') {
      const hex = v.slice(2);
      if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new FsError('EINVAL', `bad hex xattr value ${v}`);
      return Buffer.from(hex, 'hex');
    }
    if (prefix === '0s') return Buffer.from(v.slice(2), 'base64');
  }
  return Buffer.from(v, 'utf8');
}

/** Encodes a value for GETXATTRS: `"text"`, `0x<hex>` or `0s<base64>`. */
export function encodeXAttrValue(value: Uint8Array, encoding: XAttrEncoding): string {
  const b = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (encoding === 'text') return `"${b.toString('utf8')}"`;
  if (encoding === 'hex') return '0x' + b.toString('hex');
  return '0s' + b.toString('base64');
}

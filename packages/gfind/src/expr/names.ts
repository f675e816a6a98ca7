/**
 * find's %h: the path up to its last slash ('.' without one; '' for `/x`).
 */
export function leadingDirs(path: string): string {
  const at = path.lastIndexOf('/');
  return at < 0 ? '.' : path.slice(0, at);
}

/**
 * find's %f (gnulib base_name): the last component, trailing slashes kept (`a/` stays `a/`,
 * `/` stays `/`).
 */
export function baseName(path: string): string {
  let end = path.length;
  while (end > 1 && path[end - 1] === '/') end--;
  const at = path.lastIndexOf('/', end - 1);
  return at < 0 || end === 1 ? path : path.slice(at + 1);
}

/** What -name matches for a start path: its last component without trailing slashes (`/` for the root). */
export function startName(path: string): string {
  let end = path.length;
  while (end > 1 && path[end - 1] === '/') end--;
  const trimmed = path.slice(0, end);
  const at = trimmed.lastIndexOf('/');
  return at < 0 || trimmed === '/' ? trimmed : trimmed.slice(at + 1);
}

/** %P: the path below the start path ('' for the start path itself). */
export function belowStart(path: string, start: string): string {
  if (path.length === start.length) return '';
  return path.slice(start.endsWith('/') ? start.length : start.length + 1);
}

const NAMED: Record<string, string> = {
  '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r', '\\': '\\\\', '"': '\\"', ' ': '\\ ',
};
const octal = (b: number) => '\\' + b.toString(8).padStart(3, '0');

/**
 * A name as find's -ls shows it: backslash escapes for control characters, backslashes, double
 * quotes and spaces, and every byte of a non-ASCII character in octal (`é` is `\303\251`).
 */
export function lsQuote(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\x00-\x20\x7f"\\]|[^\x00-\x7f]+/g, (c) => {
    if (c.length === 1 && NAMED[c] !== undefined) return NAMED[c];
    if (c.charCodeAt(0) < 0x80) return octal(c.charCodeAt(0));
    return [...Buffer.from(c, 'utf8')].map(octal).join('');
  });
}

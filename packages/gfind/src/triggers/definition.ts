import { FsError } from 'glusterfs-core';
import { compileGlob } from './glob.js';

/**
 * The events a trigger can fire on, with the journal operations behind each. Directories are
 * left out on purpose: a directory exists on every replica set, so its create, delete or rename
 * is recorded once per set and would fire once per set instead of once.
 */
export const TRIGGER_EVENTS = {
  /** A file written through a descriptor was closed (the journal's CLOSE_WRITE). */
  'close-write': ['CLOSE_WRITE'],
  /** A name appeared: a regular file, a device or fifo, a symlink, a hard link. */
  create: ['CREATE', 'MKNOD', 'SYMLINK', 'LINK'],
  /** A name of a non-directory went away. */
  delete: ['UNLINK'],
  /** A non-directory was renamed (GLUSTER_OLD_PATH holds the old name). */
  rename: ['RENAME'],
} as const;

/** One of {@link TRIGGER_EVENTS}' keys. */
export type TriggerEvent = keyof typeof TRIGGER_EVENTS;

/** What `gtrigger add` stores in glusterd (the definition of a `TriggerRecord`). */
export interface TriggerDefinition {
  on: TriggerEvent;
  /** A glob over the volume path (see `glob.ts`); absent: every path. */
  match?: string;
  /** A shell command, run as `sh -c COMMAND` on the server whose brick recorded the event. */
  exec?: string;
  /** An http(s) URL the event is POSTed to as JSON. */
  webhook?: string;
  /** The account the command runs as (default root). */
  runAs: string;
  /** A run longer than this is killed (a webhook call aborted) and counts as failed. */
  timeoutSec: number;
  /** Attempts per event before it is given up (and logged as such). */
  attempts: number;
  /** The longest wait between two attempts, in seconds (retries back off 1 s, 2 s, 4 s, … up to it). */
  retryMaxSec: number;
}

/** Trigger names, as glusterd accepts them (they name files and journal consumers on the bricks). */
export const TRIGGER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** `name` when it is a valid trigger name; EINVAL otherwise. */
export function checkTriggerName(name: string): string {
  if (!TRIGGER_NAME.test(name)) {
    throw new FsError('EINVAL', `trigger name ${JSON.stringify(name)} is not valid: use 1-64 of A-Z a-z 0-9 . _ - starting with a letter or digit`);
  }
  return name;
}

/** Defaults of the optional fields. */
export const DEFINITION_DEFAULTS = { runAs: 'root', timeoutSec: 60, attempts: 5, retryMaxSec: 300 } as const;

const MAX_TIMEOUT_SEC = 24 * 3600;
const MAX_ATTEMPTS = 100;
const USER = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}\$?$|^\d{1,10}$/;

/**
 * Checks a definition (as the CLI builds it, or as read back from glusterd) and fills in the
 * defaults. EINVAL naming the field at fault: an unknown event, not exactly one of `exec` and
 * `webhook`, a URL that is not http(s), a bad glob, user name, timeout or attempt count.
 */
export function parseDefinition(value: unknown): TriggerDefinition {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw bad('the definition must be an object');
  const v = value as Record<string, unknown>;
  if (typeof v.on !== 'string' || !Object.hasOwn(TRIGGER_EVENTS, v.on)) {
    throw bad(`--on must be one of ${Object.keys(TRIGGER_EVENTS).join(', ')} (got ${JSON.stringify(v.on)})`);
  }
  const def: TriggerDefinition = {
    on: v.on as TriggerEvent,
    runAs: optString(v.runAs, '--run-as') ?? DEFINITION_DEFAULTS.runAs,
    timeoutSec: optNumber(v.timeoutSec, '--timeout', 1, MAX_TIMEOUT_SEC) ?? DEFINITION_DEFAULTS.timeoutSec,
    attempts: optNumber(v.attempts, '--attempts', 1, MAX_ATTEMPTS) ?? DEFINITION_DEFAULTS.attempts,
    retryMaxSec: optNumber(v.retryMaxSec, '--retry-max', 1, MAX_TIMEOUT_SEC) ?? DEFINITION_DEFAULTS.retryMaxSec,
  };
  const match = optString(v.match, '--match');
  if (match !== undefined) {
    compileGlob(match);
    def.match = match;
  }
  const exec = optString(v.exec, '--exec');
  const webhook = optString(v.webhook, '--webhook');
  if ((exec === undefined) === (webhook === undefined)) throw bad('give exactly one of --exec COMMAND and --webhook URL');
  if (exec !== undefined) def.exec = exec;
  if (webhook !== undefined) def.webhook = checkUrl(webhook);
  if (!USER.test(def.runAs)) throw bad(`--run-as ${JSON.stringify(def.runAs)} is not a user name or uid`);
  return def;
}

function bad(msg: string): FsError {
  return new FsError('EINVAL', msg);
}

function optString(v: unknown, flag: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || v === '') throw bad(`${flag} needs a non-empty value`);
  return v;
}

function optNumber(v: unknown, flag: string, min: number, max: number): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw bad(`${flag} must be a number from ${min} to ${max} (got ${JSON.stringify(v)})`);
  return v;
}

function checkUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw bad(`--webhook ${JSON.stringify(text)} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw bad(`--webhook must be an http:// or https:// URL (got ${url.protocol})`);
  return text;
}

/** A GFID (or any UUID) in its 36-character text form, or as 32 hex digits. */
const GFID_TEXT = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|\b(?:0x)?[0-9a-f]{32}\b/gi;
/** A GFID handle path inside a brick's `.glusterfs` directory. */
const HANDLE_PATH = /\/?\.glusterfs\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f-]{32,36}/gi;

/**
 * Error text as a client may see it: GFIDs (an inode's identity on the bricks, which nobody
 * asked for in an error) become `<gfid>`, handle paths `<gfid handle>`. Messages shown to users
 * pass through this at every front end; GFIDs appear only where a user asks for them (heal
 * info, `gfind -gfid`).
 */
export function redactGfids(text: string): string {
  return text.replace(HANDLE_PATH, '<gfid handle>').replace(GFID_TEXT, '<gfid>');
}

/**
 * A function giving `text` with the host directories `roots` (a brick's, as configured and as
 * resolved) and everything above them removed, so a host path inside one reads as the volume
 * path it stands for (`/srv/b1/a/x` → `/a/x`), and GFIDs redacted as {@link redactGfids} does.
 * The pattern is compiled once, here, not per message.
 */
export function hostPathRedactor(...roots: string[]): (text: string) => string {
  const escaped = [...new Set(roots.map((r) => r.replace(/\/+$/, '')).filter(Boolean))]
    .sort((a, b) => b.length - a.length)
    .map((r) => r.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (!escaped.length) return redactGfids;
  // A root itself, or a root followed by a path: never a longer sibling (`/srv/b1` ≠ `/srv/b10`).
  const re = new RegExp(`(?:${escaped.join('|')})(/|(?![^'"\\s),;:]))`, 'g');
  return (text) => redactGfids(text.replace(re, '/'));
}

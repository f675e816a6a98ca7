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
 * `text` with the host directory `root` (a brick's) and everything above it removed, so a host
 * path inside it reads as the volume path it stands for (`/srv/b1/a/x` → `/a/x`), and GFIDs
 * redacted as {@link redactGfids} does.
 */
export function redactHostPaths(text: string, root: string): string {
  const r = root.replace(/\/+$/, '');
  if (!r) return redactGfids(text);
  const escaped = r.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The root itself, or the root followed by a path: never a longer sibling (`/srv/b1` ≠ `/srv/b10`).
  return redactGfids(text.replace(new RegExp(`${escaped}(/|(?![^'"\\s),;:]))`, 'g'), '/'));
}

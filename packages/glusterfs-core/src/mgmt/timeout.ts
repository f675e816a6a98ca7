/** How long `volume status` waits for a peer's answer before reporting its processes offline. */
export const PEER_STATUS_TIMEOUT_MS = 5000;

/** `p`, or a rejection naming `host` when it does not settle within `ms`. */
export function withTimeout<T>(p: Promise<T>, ms: number, host: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`peer ${host} did not answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

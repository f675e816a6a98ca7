import type { Socket } from 'node:net';

/** How many connections one client address may hold, and (optionally) how long they may stay. */
export interface ConnectionLimits {
  /**
   * Connections one client address may hold at once. A new one over the limit closes the
   * address's oldest connection that is still in its handshake, else its longest-idle one;
   * when every one is busy, the new connection is closed instead.
   */
  maxPerAddress: number;
  /**
   * Socket inactivity limits the guard enforces (Node's socket timeout): before the handshake
   * is done, while established and idle, and while work is in flight (0: no limit). Absent when
   * the server keeps its own (node:http).
   */
  timeouts?: { handshakeMs: number; idleMs: number; busyMs: number };
}

/** One admitted connection, as its server reports on it. */
export interface GuardedConnection {
  /** The handshake is done (IPC connection context, datanode op request, first HTTP request). */
  established(): void;
  /** Work started (a call, an op, a request): the connection is not idle until the matching `done`. */
  busy(): void;
  /** That work ended. */
  done(): void;
}

interface Entry extends GuardedConnection {
  readonly socket: Socket;
  isEstablished: boolean;
  inFlight: number;
  idleSince: number;
}

/**
 * Admission and timeouts for one server's connections, so that a flood of silent or slow
 * connections from one address can neither exhaust the server nor lock a real client out:
 * per-address caps with the oldest idle connection making room, and (for servers that do not
 * keep their own) a deadline for the handshake and idle timeouts.
 */
export class ConnectionGuard {
  readonly #limits: ConnectionLimits;
  readonly #log: (line: string) => void;
  readonly #name: string;
  readonly #byAddress = new Map<string, Set<Entry>>();
  /** Per kind of event: when it was last logged, and how many since went unlogged. */
  readonly #logged = new Map<string, { at: number; unlogged: number }>();

  constructor(name: string, limits: ConnectionLimits, log: (line: string) => void) {
    this.#name = name;
    this.#limits = limits;
    this.#log = log;
  }

  /** Logs at most one line a second per kind of event, so a flood of connections cannot flood the log too. */
  #note(kind: string, line: string): void {
    const now = Date.now();
    const l = this.#logged.get(kind) ?? { at: 0, unlogged: 0 };
    this.#logged.set(kind, l);
    if (now - l.at < 1000) {
      l.unlogged++;
      return;
    }
    this.#log(l.unlogged > 0 ? `${line} (and ${l.unlogged} more such events)` : line);
    l.at = now;
    l.unlogged = 0;
  }

  /** Registers a new connection. Undefined (and the socket destroyed) when it was refused. */
  admit(socket: Socket): GuardedConnection | undefined {
    const address = socket.remoteAddress ?? '?';
    let peers = this.#byAddress.get(address);
    if (!peers) {
      peers = new Set();
      this.#byAddress.set(address, peers);
    }
    if (peers.size >= this.#limits.maxPerAddress) {
      const victim = oldestIdle(peers);
      if (!victim) {
        this.#note('refused', `${this.#name}: refusing a connection from ${address}: its ${peers.size} connections are all busy`);
        socket.destroy();
        return undefined;
      }
      this.#note('evicted', `${this.#name}: ${address} holds ${peers.size} connections; closing its oldest idle one`);
      peers.delete(victim);
      victim.socket.destroy();
    }
    const entry = this.#entry(socket);
    peers.add(entry);
    const set = peers;
    socket.once('close', () => {
      set.delete(entry);
      if (set.size === 0 && this.#byAddress.get(address) === set) this.#byAddress.delete(address);
    });
    if (this.#limits.timeouts) {
      socket.on('timeout', () => {
        this.#note(entry.isEstablished ? 'idle' : 'handshake', `${this.#name}: closing ${address}:${socket.remotePort}: ${entry.isEstablished ? 'idle' : 'no handshake'} for too long`);
        socket.destroy();
      });
      socket.setTimeout(this.#limits.timeouts.handshakeMs);
    }
    return entry;
  }

  #entry(socket: Socket): Entry {
    const t = this.#limits.timeouts;
    const setTimeout = (ms: number | undefined) => { if (ms !== undefined) socket.setTimeout(ms); };
    const entry: Entry = {
      socket, isEstablished: false, inFlight: 0, idleSince: Date.now(),
      established() {
        if (entry.isEstablished) return;
        entry.isEstablished = true;
        entry.idleSince = Date.now();
        if (entry.inFlight === 0) setTimeout(t?.idleMs);
      },
      busy() {
        if (entry.inFlight++ === 0 && entry.isEstablished) setTimeout(t?.busyMs);
      },
      done() {
        if (entry.inFlight === 0) return;
        if (--entry.inFlight === 0) {
          entry.idleSince = Date.now();
          if (entry.isEstablished) setTimeout(t?.idleMs);
        }
      },
    };
    return entry;
  }
}

/** The connection to close for room: the oldest still in its handshake, else the longest idle one. */
function oldestIdle(peers: Set<Entry>): Entry | undefined {
  let best: Entry | undefined;
  for (const e of peers) {
    if (!e.isEstablished) return e;
    if (e.inFlight === 0 && (!best || e.idleSince < best.idleSince)) best = e;
  }
  return best;
}

import net from 'node:net';
import { nowMs, sleep } from './timing.js';

/** How a socket ended: graceful FIN, RST (ECONNRESET), another error, or still open. */
export type EndKind = 'fin' | 'reset' | 'error' | 'open';

/** One read from the socket, with its arrival time (ms, {@link nowMs} clock). */
export interface Read {
  atMs: number;
  data: Buffer;
}

/**
 * Wraps a client (or accepted) socket and records every read and how and when it ended, so tests
 * can wait for bytes or for the end with a bounded timeout.
 */
export class SocketProbe {
  readonly reads: Read[] = [];
  endKind: EndKind = 'open';
  endAtMs = 0;
  errorCode = '';
  /** Number of bytes received so far. */
  receivedLength = 0;
  /** When the probe was made: for an upstream, when it accepted the proxy's connection. */
  readonly createdAtMs = nowMs();
  private waiters: (() => void)[] = [];

  constructor(readonly socket: net.Socket) {
    socket.on('data', (data: Buffer) => this.record({ atMs: nowMs(), data }));
    socket.on('end', () => this.finish('fin'));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      this.errorCode = err.code ?? err.message;
      this.finish(err.code === 'ECONNRESET' ? 'reset' : 'error');
    });
    socket.on('close', () => this.finish('fin'));
  }

  /** Every byte received so far. */
  get received(): Buffer {
    return Buffer.concat(this.reads.map((r) => r.data));
  }

  /** Waits until at least `n` bytes arrived; returns the time the n-th byte arrived. */
  async waitForBytes(n: number, timeoutMs = 3000): Promise<number> {
    await this.waitUntil(() => this.receivedLength >= n || this.endKind !== 'open', timeoutMs);
    let total = 0;
    for (const read of this.reads) {
      total += read.data.length;
      if (total >= n) return read.atMs;
    }
    throw new Error(`expected ${n} bytes, got ${total} (end: ${this.endKind} ${this.errorCode})`);
  }

  /** Waits for the socket to end; returns how (or `open` after `timeoutMs`). */
  async waitForEnd(timeoutMs = 3000): Promise<EndKind> {
    await this.waitUntil(() => this.endKind !== 'open', timeoutMs);
    return this.endKind;
  }

  /** Writes and resolves once the data is handed to the kernel. */
  write(data: Buffer | string): Promise<void> {
    return new Promise((resolve, reject) =>
      this.socket.write(data, (err) => (err ? reject(err) : resolve())),
    );
  }

  /** Writes `payload` and returns the round-trip time until as many new bytes came back, in ms. */
  async roundTrip(payload: string, timeoutMs = 3000): Promise<number> {
    const before = this.receivedLength;
    const start = nowMs();
    await this.write(payload);
    const at = await this.waitForBytes(before + Buffer.byteLength(payload), timeoutMs);
    return at - start;
  }

  destroy(): void {
    this.socket.destroy();
  }

  private record(read: Read): void {
    this.reads.push(read);
    this.receivedLength += read.data.length;
    this.wake();
  }

  private finish(kind: EndKind): void {
    if (this.endKind !== 'open') return;
    this.endKind = kind;
    this.endAtMs = nowMs();
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private async waitUntil(done: () => boolean, timeoutMs: number): Promise<void> {
    const deadline = nowMs() + timeoutMs;
    while (!done() && nowMs() < deadline) {
      await Promise.race([new Promise<void>((r) => this.waiters.push(r)), sleep(deadline - nowMs())]);
    }
  }
}

/** Connects to `host:port`; resolves with a probe, or rejects with the connect error (e.g. ECONNREFUSED). */
export function connectProbe(host: string, port: number): Promise<SocketProbe> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setNoDelay(true);
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(new SocketProbe(socket));
    });
  });
}

import net from 'node:net';
import { SocketProbe } from './socket-probe.js';

/**
 * Local upstream servers for the conformance suite. Each listens on 127.0.0.1:0 and records the
 * connections it accepted; `close()` destroys them all.
 */
export interface Upstream {
  /** `127.0.0.1:<port>`, ready to use as a proxy's `upstream`. */
  address: string;
  port: number;
  /** One probe per accepted connection, in accept order. */
  accepted: SocketProbe[];
  close(): Promise<void>;
}

/** Starts a server that runs `onConnection` for each accepted socket. */
export async function startUpstream(onConnection: (probe: SocketProbe) => void): Promise<Upstream> {
  const accepted: SocketProbe[] = [];
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    const probe = new SocketProbe(socket);
    accepted.push(probe);
    onConnection(probe);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    address: `127.0.0.1:${port}`,
    port,
    accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const probe of accepted) probe.destroy();
        server.close(() => resolve());
      }),
  };
}

/** An upstream that writes back every byte it receives. */
export function echoServer(): Promise<Upstream> {
  return startUpstream((probe) => probe.socket.pipe(probe.socket));
}

/** An upstream that sends `payload` on accept and then half-closes (FIN). */
export function sendThenFinServer(payload: Buffer): Promise<Upstream> {
  return startUpstream((probe) => probe.socket.end(payload));
}

/** An upstream that accepts and never writes. */
export function silentServer(): Promise<Upstream> {
  return startUpstream(() => undefined);
}

/** A loopback port with nothing listening on it (bound once, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Deterministic test payload of `size` bytes. */
export function payload(size: number): Buffer {
  const buf = Buffer.alloc(size);
  for (let i = 0; i < size; i++) buf[i] = (i * 31 + 7) % 251;
  return buf;
}

import { connect, createServer, type Server, type Socket } from 'node:net';
import { bindErrorText, formatAddress, resolveListen, splitHostPort } from './address.js';
import { ApiError } from './api-error.js';
import { Connection } from './connection.js';
import type { ProxyMetrics } from './metrics.js';
import type { Direction, ToxicConfig } from './toxic-config.js';

/**
 * One named proxy: a listener that forwards every accepted connection to `upstream` through the
 * proxy's toxics. Disabling it closes the listener and every live connection; toxics are kept.
 */
export class Proxy {
  /** The listen string; after a start it is the actual bound address. */
  listen: string;
  upstream: string;
  enabled = false;
  readonly toxics: Record<Direction, ToxicConfig[]> = { upstream: [], downstream: [] };
  private server: Server | undefined;
  private readonly connections = new Set<Connection>();

  constructor(
    readonly name: string,
    listen: string,
    upstream: string,
    private readonly env: ProxyEnv,
  ) {
    this.listen = listen;
    this.upstream = upstream;
  }

  /** Binds the listener; a failure throws a 500 `ApiError` with Go's message. No-op if running. */
  async start(): Promise<void> {
    if (this.enabled) return;
    const addr = await resolveListen(this.listen).catch((err: ApiError) => {
      throw new ApiError(`listen tcp: ${err.message}`, 500, { cause: err });
    });
    const server = createServer({ allowHalfOpen: true, noDelay: true, pauseOnConnect: true }, (c) =>
      this.accept(c),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) => {
        const where = formatAddress(addr.host, addr.port);
        reject(
          new ApiError(`listen tcp ${where}: ${bindErrorText(err.code, err.message)}`, 500, { cause: err }),
        );
      });
      server.listen({ host: addr.host, port: addr.port, ipv6Only: false }, () => resolve());
    });
    server.on('error', () => undefined);
    const bound = server.address();
    if (bound && typeof bound === 'object') this.listen = formatAddress(bound.address, bound.port);
    this.server = server;
    this.enabled = true;
  }

  /** Closes the listener and every live connection. */
  stop(): void {
    this.enabled = false;
    this.server?.close();
    this.server = undefined;
    for (const c of this.connections) c.destroy();
    this.connections.clear();
  }

  /** Every toxic, upstream chain first, then downstream, each in insertion order. */
  toxicList(): ToxicConfig[] {
    return [...this.toxics.upstream, ...this.toxics.downstream];
  }

  findToxic(name: string): ToxicConfig | undefined {
    return this.toxicList().find((t) => t.name === name);
  }

  addToxic(toxic: ToxicConfig): void {
    this.toxics[toxic.direction].push(toxic);
    for (const c of this.connections) c.link(toxic.direction).addToxic(toxic);
  }

  updateToxic(toxic: ToxicConfig): void {
    const chain = this.toxics[toxic.direction];
    chain[chain.findIndex((t) => t.name === toxic.name)] = toxic;
    for (const c of this.connections) c.link(toxic.direction).updateToxic(toxic);
  }

  removeToxic(toxic: ToxicConfig): void {
    const chain = this.toxics[toxic.direction];
    chain.splice(chain.indexOf(toxic), 1);
    for (const c of [...this.connections]) c.link(toxic.direction).removeToxic(toxic.name);
  }

  removeAllToxics(): void {
    for (const t of this.toxicList()) this.removeToxic(t);
  }

  private accept(client: Socket): void {
    client.on('error', () => undefined);
    let target: { host: string; port: number };
    try {
      const hp = splitHostPort(this.upstream);
      target = { host: hp.host === '' ? '127.0.0.1' : hp.host, port: Number(hp.port) };
    } catch {
      client.end();
      return;
    }
    const linger = this.toxicList().some((t) => t.type === 'reset_peer');
    const server = connect({ ...target, allowHalfOpen: true, noDelay: true });
    server.on('error', () => undefined);
    const onFail = (): void => {
      client.end(() => client.destroy());
    };
    server.once('error', onFail);
    server.once('connect', () => {
      server.removeListener('error', onFail);
      if (!this.enabled || client.destroyed) {
        server.destroy();
        client.destroy();
        return;
      }
      const conn = new Connection(client, server, {
        upstreamToxics: this.toxics.upstream,
        downstreamToxics: this.toxics.downstream,
        linger,
        random: this.env.random,
        onClose: (closed) => {
          this.connections.delete(closed);
          this.env.metrics?.record(this, closed);
        },
      });
      this.connections.add(conn);
      client.resume();
    });
  }
}

/** What every proxy shares with its server. */
export interface ProxyEnv {
  random: () => number;
  metrics: ProxyMetrics | undefined;
}

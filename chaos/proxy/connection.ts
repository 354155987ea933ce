import type { Socket } from 'node:net';
import { Link } from './link.js';
import type { ToxicConfig } from './toxic-config.js';

/** Options for one proxied connection. */
export interface ConnectionOptions {
  upstreamToxics: readonly ToxicConfig[];
  downstreamToxics: readonly ToxicConfig[];
  /** True when reset_peer was on the proxy at accept: closes then send RST (SO_LINGER=0). */
  linger: boolean;
  random: () => number;
  /** Called once when both sockets are closed, with the byte counts of each link. */
  onClose: (conn: Connection) => void;
}

/** A client connection and its upstream socket, joined by two links. */
export class Connection {
  readonly upstream: Link;
  readonly downstream: Link;
  private closedSockets = 0;

  constructor(
    private readonly client: Socket,
    private readonly server: Socket,
    private readonly options: ConnectionOptions,
  ) {
    const hooks = { random: options.random, onReset: () => this.reset(), onFinish: () => undefined };
    this.upstream = new Link(client, server, options.upstreamToxics, hooks);
    this.downstream = new Link(server, client, options.downstreamToxics, hooks);
    const onSocketClose = (): void => {
      if (++this.closedSockets < 2) return;
      this.upstream.dispose();
      this.downstream.dispose();
      options.onClose(this);
    };
    client.once('close', onSocketClose);
    server.once('close', onSocketClose);
  }

  /** The link for a direction. */
  link(direction: 'upstream' | 'downstream'): Link {
    return direction === 'upstream' ? this.upstream : this.downstream;
  }

  /** Closes both sockets now (clients see EOF). */
  destroy(): void {
    this.client.destroy();
    this.server.destroy();
  }

  private reset(): void {
    if (!this.options.linger) {
      this.upstream.close();
      this.downstream.close();
      return;
    }
    for (const s of [this.server, this.client]) {
      if (typeof s.resetAndDestroy === 'function') s.resetAndDestroy();
      else s.destroy();
    }
  }
}

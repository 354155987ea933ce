/**
 * The fault proxy in front of a fleet: every link of the (relocated) link map becomes a proxy
 * named after the link, listening on the link's `listen` address and forwarding to its `upstream`.
 *
 *   service ──► link.listen (proxy "order-amqp", toxics) ──► link.upstream (RabbitMQ, PostgreSQL, HTTP)
 *
 * Embedded: an in-process Toxiproxy-compatible server on loopback, closed on teardown.
 * External: any Toxiproxy-compatible server at a URL; teardown deletes only the links it created.
 * Both are populated through toxiproxy-node-client (POST /populate), so they are interchangeable.
 */
import { Toxiproxy } from 'toxiproxy-node-client';
import { FaultlineError, describeError } from '../errors.js';
import { startProxyServer } from '../proxy/index.js';
import type { LinkEntry } from './link-map.js';

/** Which proxy a fleet goes through: the embedded server, or an existing one at `url`. */
export type FleetProxyOption = 'embedded' | { url: string };

/** A populated proxy in front of a fleet. */
export interface FleetProxy {
  /** Base URL of the Toxiproxy HTTP API (e.g. `http://127.0.0.1:8474`). */
  url: string;
  /** Embedded: closes the server. External: deletes the fleet's links. Never throws; returns problems. */
  teardown(): Promise<string[]>;
}

/** Options of {@link attachFleetProxy}. */
export interface AttachOptions {
  /** API port of the embedded server (default 0: a free port). Ignored for an external proxy. */
  apiPort?: number;
  /** Receives one JSON line per notable proxy event (embedded only). */
  log?: (line: string) => void;
}

/**
 * Starts (embedded) or reaches (external) the proxy and creates one proxy per link. On failure
 * it undoes what it did and throws `ERR_FLEET_PROXY` naming the links that were not created.
 */
export async function attachFleetProxy(
  option: FleetProxyOption,
  links: readonly LinkEntry[],
  options: AttachOptions = {},
): Promise<FleetProxy> {
  if (option !== 'embedded') {
    const url = option.url.replace(/\/+$/, '');
    const proxy: FleetProxy = { url, teardown: () => removeLinks(url, links) };
    await populateOrUndo(proxy, links);
    return proxy;
  }
  const server = await startProxyServer({
    host: '127.0.0.1',
    port: options.apiPort ?? 0,
    proxyMetrics: true,
    log: (event) => options.log?.(`[proxy] ${JSON.stringify(event)}`),
  }).catch((err: unknown) => {
    throw new FaultlineError(
      'ERR_FLEET_PROXY',
      `cannot start the embedded fault proxy API on 127.0.0.1:${options.apiPort ?? 0}`,
      { cause: err },
    );
  });
  const proxy: FleetProxy = {
    url: server.url,
    teardown: async () => {
      await server.close();
      return [];
    },
  };
  await populateOrUndo(proxy, links);
  return proxy;
}

async function populateOrUndo(proxy: FleetProxy, links: readonly LinkEntry[]): Promise<void> {
  const client = new Toxiproxy(proxy.url);
  try {
    await client.populate(
      links.map(({ name, listen, upstream, enabled }) => ({ name, listen, upstream, enabled })),
    );
  } catch (err) {
    const missing = await missingLinks(client, links).catch(() => undefined);
    await proxy.teardown();
    const first = missing?.[0];
    // /populate stops at the first link it cannot create, so that one is the culprit.
    const which = first ? ` (failed at link ${first.name}, listen ${first.listen}: is the port in use?)` : '';
    throw new FaultlineError(
      'ERR_FLEET_PROXY',
      `cannot populate the fault proxy at ${proxy.url} with ${links.length} links${which}`,
      { cause: err },
    );
  }
}

async function missingLinks(client: Toxiproxy, links: readonly LinkEntry[]): Promise<LinkEntry[]> {
  const present = await client.getAll();
  return links.filter((l) => present[l.name]?.upstream !== l.upstream);
}

/** Deletes each link by name (a link already gone is fine); collects the other failures. */
async function removeLinks(url: string, links: readonly LinkEntry[]): Promise<string[]> {
  const client = new Toxiproxy(url);
  const problems: string[] = [];
  let present: Awaited<ReturnType<Toxiproxy['getAll']>>;
  try {
    present = await client.getAll();
  } catch (err) {
    return [`cannot list the proxies at ${url}: ${describeError(err)}`];
  }
  for (const link of links) {
    const proxy = present[link.name];
    if (proxy)
      await proxy
        .remove()
        .catch((err: unknown) => problems.push(`cannot delete link ${link.name}: ${describeError(err)}`));
  }
  return problems;
}

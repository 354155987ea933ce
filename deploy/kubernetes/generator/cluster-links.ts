/**
 * target-services/links.json rewritten for the cluster. In compose every member shares Toxiproxy's network namespace,
 * so one file serves both sides; in a cluster they are separate pods, so the link map splits in two:
 *
 *   client ──► toxiproxy:<listen port> ──► <upstream Service>:<upstream port>
 *   links.json (fleet pods)   listen = toxiproxy:<port>   the address FAULTLINE_VIA_PROXY=on connects to
 *   toxiproxy.json (proxy)    listen = 0.0.0.0:<port>     what Toxiproxy binds (-config)
 *
 * Link names, ports and order are kept, so the runner's link faults name the same proxies in every mode.
 */
import {
  BROKER,
  FLEET_PORTS,
  FLEET_SERVICES,
  TOXIPROXY,
  type FleetService,
} from '../../../chaos/kubernetes/contract.js';
import type { LinkEntry } from '../../../scripts/stack/compose-links.js';
import { databaseService } from './names.js';

export interface ClusterLinks {
  /** For the fleet pods (FAULTLINE_LINKS). */
  clients: LinkEntry[];
  /** For Toxiproxy's -config. */
  proxy: LinkEntry[];
  /** Every listen port (the Toxiproxy container and Service ports). */
  ports: number[];
}

const portOf = (address: string) => Number(address.slice(address.lastIndexOf(':') + 1));

function upstreamHost(link: LinkEntry, client: string, dependency: string): string {
  if (dependency === 'postgres') return databaseService(client);
  if (dependency === 'amqp') return BROKER.name;
  if (!(FLEET_SERVICES as readonly string[]).includes(dependency))
    throw new Error(
      `link ${link.name}: dependency ${dependency} is neither postgres, amqp nor a fleet service`,
    );
  const port = FLEET_PORTS[dependency as FleetService].http;
  if (portOf(link.upstream) !== port)
    throw new Error(`link ${link.name}: upstream ${link.upstream} is not ${dependency}'s port ${port}`);
  return dependency;
}

/** The two cluster link maps. Throws on a link the cluster cannot route. Pure. */
export function clusterLinks(links: readonly LinkEntry[]): ClusterLinks {
  const clients: LinkEntry[] = [];
  const proxy: LinkEntry[] = [];
  for (const link of links) {
    const dash = link.name.indexOf('-');
    if (dash <= 0) throw new Error(`link ${link.name} is not named <client>-<dependency>`);
    const client = link.name.slice(0, dash);
    const upstream = `${upstreamHost(link, client, link.name.slice(dash + 1))}:${portOf(link.upstream)}`;
    const port = portOf(link.listen);
    const enabled = link.enabled ?? true;
    clients.push({ name: link.name, listen: `${TOXIPROXY.name}:${port}`, upstream, enabled });
    proxy.push({ name: link.name, listen: `0.0.0.0:${port}`, upstream, enabled });
  }
  return { clients, proxy, ports: proxy.map((l) => portOf(l.listen)) };
}

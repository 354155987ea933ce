import { FaultlineError } from '../errors.js';

/** One link (Toxiproxy `/populate` entry). */
export interface LinkEntry {
  name: string;
  listen: string;
  upstream: string;
  enabled: boolean;
}

function shiftPort(address: string, from: number, to: number, span: number): string {
  const at = address.lastIndexOf(':');
  const port = Number(address.slice(at + 1));
  return port >= from && port < from + span ? `${address.slice(0, at)}:${to + (port - from)}` : address;
}

/**
 * Pure: moves the fleet's HTTP upstreams from the default block (8080..8086) to `portBase`, and
 * the proxy listen ports from 21000.. to `listenBase`, leaving PostgreSQL/RabbitMQ upstreams as
 * they are. Lets a test fleet run beside the demo fleet.
 */
export function relocateLinks(
  links: readonly LinkEntry[],
  portBase: number,
  listenBase: number,
): LinkEntry[] {
  return links.map((l) => ({
    ...l,
    upstream: shiftPort(l.upstream, 8080, portBase, 7),
    listen: shiftPort(l.listen, 21000, listenBase, 100),
  }));
}

/** Validates parsed JSON as a link map. */
export function parseLinkMap(json: unknown, source: string): LinkEntry[] {
  const isLink = (l: unknown): boolean => {
    const o = l as Partial<Record<keyof LinkEntry, unknown>> | null;
    return typeof o?.name === 'string' && typeof o.listen === 'string' && typeof o.upstream === 'string';
  };
  const ok = Array.isArray(json) && json.every(isLink);
  if (!ok)
    throw new FaultlineError(
      'ERR_INPUT_LINKS',
      `${source} is not a Toxiproxy populate array of {name, listen, upstream}`,
    );
  return (json as LinkEntry[]).map((l) => ({ ...l, enabled: l.enabled ?? true }));
}

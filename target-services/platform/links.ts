import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ServiceError } from './errors.js';

/** One entry of the link map (Toxiproxy `/populate` format). */
export interface Link {
  name: string;
  listen: string;
  upstream: string;
  enabled: boolean;
}

const linkSchema = z.array(
  z.object({
    name: z.string().min(1),
    listen: z.string().min(1),
    upstream: z.string().min(1),
    enabled: z.boolean().default(true),
  }),
);

/** Reads and validates the link map file. */
export function loadLinks(path: string): Link[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ServiceError('ERR_CONFIG_LINKS', `cannot read link map ${path}`, { cause: err });
  }
  const parsed = linkSchema.safeParse(raw);
  if (!parsed.success)
    throw new ServiceError('ERR_CONFIG_LINKS', `invalid link map ${path}: ${parsed.error.message}`);
  return parsed.data;
}

/** A host and port to connect to. */
export interface Address {
  host: string;
  port: number;
}

/**
 * THE switch point between direct connections and the fault proxy: with `viaProxy` false a client
 * connects to the link's `upstream`, with true to its `listen` address (the proxy in between).
 */
export function resolveLink(links: readonly Link[], name: string, viaProxy: boolean): Address {
  const link = links.find((l) => l.name === name);
  if (!link) throw new ServiceError('ERR_CONFIG_LINKS', `link ${name} is missing from the link map`);
  return parseAddress(viaProxy ? link.listen : link.upstream);
}

/** Parses `host:port`. */
export function parseAddress(text: string): Address {
  const at = text.lastIndexOf(':');
  const port = Number(text.slice(at + 1));
  if (at <= 0 || !Number.isInteger(port)) throw new ServiceError('ERR_CONFIG_LINKS', `bad address ${text}`);
  return { host: text.slice(0, at), port };
}

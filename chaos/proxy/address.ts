import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { ApiError } from './api-error.js';

/** A listen address split into host and port (Go's `net.SplitHostPort` rules). */
export interface HostPort {
  host: string;
  port: number;
}

/** Splits `host:port` like Go; throws Go's message (`address x: missing port in address`). */
export function splitHostPort(addr: string): { host: string; port: string } {
  const bad = (why: string): never => {
    throw new Error(`address ${addr}: ${why}`);
  };
  const i = addr.lastIndexOf(':');
  if (i < 0) return bad('missing port in address');
  let host = addr.slice(0, i);
  if (host.startsWith('[')) {
    if (!host.endsWith(']')) return bad("missing ']' in address");
    host = host.slice(1, -1);
  } else if (host.includes(':')) return bad('too many colons in address');
  else if (host.includes('[') || host.includes(']')) return bad("unexpected '[' in address");
  return { host, port: addr.slice(i + 1) };
}

/** Formats an address the way Go prints a TCP address (`[::]:80`, `127.0.0.1:80`). */
export function formatAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * Resolves a listen string to an IP and port: an empty host means every interface (`::`), names
 * resolve to IPv4 first like Go's resolver. Throws an `ApiError` 500 with Go's message.
 */
export async function resolveListen(listen: string): Promise<HostPort> {
  if (listen === '') return { host: '::', port: 0 };
  let parts: { host: string; port: string };
  try {
    parts = splitHostPort(listen);
  } catch (err) {
    throw new ApiError((err as Error).message, 500, { cause: err });
  }
  const port = parts.port === '' ? 0 : Number(parts.port);
  if (!/^\d*$/.test(parts.port) || port > 65535) {
    throw new ApiError(`address ${listen}: invalid port`, 500);
  }
  if (parts.host === '') return { host: '::', port };
  if (isIP(parts.host)) return { host: parts.host, port };
  try {
    const found = await lookup(parts.host, { family: 4 }).catch(() => lookup(parts.host));
    return { host: found.address, port };
  } catch (err) {
    throw new ApiError(`lookup ${parts.host}: no such host`, 500, { cause: err });
  }
}

/** Go's text for a failed bind (`bind: address already in use`). */
export function bindErrorText(code: string | undefined, message: string): string {
  if (code === 'EADDRINUSE') return 'bind: address already in use';
  if (code === 'EACCES') return 'bind: permission denied';
  if (code === 'EADDRNOTAVAIL') return 'bind: cannot assign requested address';
  return message;
}

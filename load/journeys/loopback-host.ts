/**
 * Whether a host is this machine: `localhost`, `[::1]` or a dotted quad in 127.0.0.0/8. Pure and
 * free of Node imports so the k6 scripts enforce the same rule as the built-in engine.
 */
export function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]' || hostname === '::1') return true;
  const octets = hostname.split('.');
  if (octets.length !== 4 || octets[0] !== '127') return false;
  return octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

/** The host of an `http(s)://host[:port]/...` URL without using `URL` (k6 has none), or undefined. */
export function hostOf(url: string): string | undefined {
  const match = /^https?:\/\/(\[[^\]]+\]|[^/:?#]+)/i.exec(url);
  return match?.[1]?.toLowerCase();
}

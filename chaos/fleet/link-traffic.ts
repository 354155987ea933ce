/** Bytes a proxy link has carried, per direction (client → upstream, upstream → client). */
export interface LinkTraffic {
  upstream: number;
  downstream: number;
}

const SENT = /^toxiproxy_proxy_sent_bytes_total\{([^}]*)\} (\d+(?:\.\d+)?(?:e[+-]?\d+)?)$/gm;

function labelOf(labels: string, name: string): string | undefined {
  const raw = new RegExp(`(?:^|,)${name}="((?:[^"\\\\]|\\\\.)*)"`).exec(labels)?.[1];
  return raw === undefined ? undefined : (JSON.parse(`"${raw}"`) as string);
}

/**
 * Pure: reads Toxiproxy's `toxiproxy_proxy_sent_bytes_total{direction, proxy}` counters from a
 * `GET /metrics` body into bytes sent per link and direction. Links without traffic are absent.
 * (The counters grow when a connection ends, not while it is open.)
 */
export function parseLinkTraffic(metricsText: string): Map<string, LinkTraffic> {
  const traffic = new Map<string, LinkTraffic>();
  for (const m of metricsText.matchAll(SENT)) {
    const labels = m[1] ?? '';
    const proxy = labelOf(labels, 'proxy');
    const direction = labelOf(labels, 'direction');
    if (proxy === undefined || (direction !== 'upstream' && direction !== 'downstream')) continue;
    const t = traffic.get(proxy) ?? { upstream: 0, downstream: 0 };
    t[direction] += Number(m[2]);
    traffic.set(proxy, t);
  }
  return traffic;
}

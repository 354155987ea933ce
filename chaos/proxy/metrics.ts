import type { Connection } from './connection.js';

const PREFIX = 'toxiproxy_proxy_';

/** What the counters are labelled by: a proxy's name and addresses. */
export interface ProxyLabels {
  readonly name: string;
  readonly listen: string;
  readonly upstream: string;
}

interface Series {
  labels: string;
  received: number;
  sent: number;
}

function label(v: string): string {
  return JSON.stringify(v).slice(1, -1);
}

/**
 * Toxiproxy's byte counters per proxy and direction. Like the original they grow only when a
 * connection finishes, not while data flows. Rendered in the Prometheus text format.
 */
export class ProxyMetrics {
  private readonly series = new Map<string, Series>();

  /** Adds a finished connection's byte counts. */
  record(proxy: ProxyLabels, conn: Connection): void {
    for (const direction of ['downstream', 'upstream'] as const) {
      const link = conn.link(direction);
      const labels =
        `direction="${direction}",listener="${label(proxy.listen)}",` +
        `proxy="${label(proxy.name)}",upstream="${label(proxy.upstream)}"`;
      const s = this.series.get(labels) ?? { labels, received: 0, sent: 0 };
      s.received += link.bytesIn;
      s.sent += link.bytesOut;
      this.series.set(labels, s);
    }
  }

  /** Prometheus text exposition of the counters. */
  render(): string {
    const rows = [...this.series.values()].sort((a, b) => (a.labels < b.labels ? -1 : 1));
    if (rows.length === 0) return '';
    const block = (name: string, help: string, pick: (s: Series) => number): string =>
      `# HELP ${PREFIX}${name} ${help}\n# TYPE ${PREFIX}${name} counter\n` +
      rows.map((s) => `${PREFIX}${name}{${s.labels}} ${pick(s)}\n`).join('');
    return (
      block('received_bytes_total', 'The total bytes received from the connection', (s) => s.received) +
      block('sent_bytes_total', 'The total bytes sent to the connection', (s) => s.sent)
    );
  }
}

/** Process metrics (the Node equivalent of the Go/process collectors) for `--runtime-metrics`. */
export function renderRuntimeMetrics(version: string): string {
  const cpu = process.cpuUsage();
  const mem = process.memoryUsage();
  const lines = [
    '# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.',
    '# TYPE process_cpu_seconds_total counter',
    `process_cpu_seconds_total ${(cpu.user + cpu.system) / 1e6}`,
    '# HELP process_resident_memory_bytes Resident memory size in bytes.',
    '# TYPE process_resident_memory_bytes gauge',
    `process_resident_memory_bytes ${mem.rss}`,
    '# HELP nodejs_heap_used_bytes Heap in use in bytes.',
    '# TYPE nodejs_heap_used_bytes gauge',
    `nodejs_heap_used_bytes ${mem.heapUsed}`,
    '# HELP toxiproxy_build_info A metric with a constant 1 value labeled by version.',
    '# TYPE toxiproxy_build_info gauge',
    `toxiproxy_build_info{version="${version}"} 1`,
  ];
  return `${lines.join('\n')}\n`;
}

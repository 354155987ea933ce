import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Test fixture: an HTTP server on 127.0.0.1 (port 0) serving Prometheus text metrics whose values
 * the test controls. Used by integration tests only.
 */
export interface TestMetricsServer {
  /** `127.0.0.1:<port>` for a scrape target. */
  address: string;
  /** Current values by metric name; counters end in `_total`, everything else is a gauge. */
  values: Map<string, number>;
  close(): Promise<void>;
}

export async function startTestMetricsServer(initial: Record<string, number>): Promise<TestMetricsServer> {
  const values = new Map(Object.entries(initial));
  const server: Server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(render(values));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    values,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function render(values: Map<string, number>): string {
  const lines: string[] = [];
  for (const [name, value] of values) {
    lines.push(`# TYPE ${name} ${name.endsWith('_total') ? 'counter' : 'gauge'}`, `${name} ${value}`);
  }
  return lines.join('\n') + '\n';
}

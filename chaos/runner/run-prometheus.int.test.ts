import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { createPrometheusClient } from '../assertions/promql/prometheus-client.js';
import { FaultlineError } from '../errors.js';
import { eventually } from '../prometheus-server/eventually.js';
import { startTestMetricsServer, type TestMetricsServer } from '../prometheus-server/test-metrics-server.js';
import { waitForScrapesAfter } from './prometheus-settle.js';
import {
  attachPrometheus,
  DEFAULT_PROMETHEUS_BINARY,
  ensurePrometheusBinary,
  startRunPrometheus,
  type RunPrometheus,
} from './run-prometheus.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A loopback port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const isCode = (code: string) => (err: unknown) => err instanceof FaultlineError && err.code === code;

describe("the run's Prometheus (real /usr/bin/prometheus)", function () {
  this.timeout(60_000);
  let service: TestMetricsServer | undefined;
  let proxy: TestMetricsServer | undefined;
  let prometheus: RunPrometheus | undefined;

  before(async () => {
    service = await startTestMetricsServer({ faultline_fixture_orders_total: 3 });
    proxy = await startTestMetricsServer({ faultline_fixture_proxy_bytes_total: 10 });
    prometheus = await startRunPrometheus(
      { services: { gateway: `http://${service.address}` }, proxyUrl: `http://${proxy.address}/` },
      DEFAULT_PROMETHEUS_BINARY,
    );
  });
  after(async () => {
    await prometheus?.stop();
    await service?.close();
    await proxy?.close();
  });

  it('scrapes each service as its own job and the proxy as faultline-proxy, on loopback', async () => {
    assert.match(prometheus!.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(prometheus!.source, 'embedded');
    const client = createPrometheusClient({ baseUrl: prometheus!.url });
    const up = await eventually(async () => {
      const jobs = new Set((await client.query('up == 1', Date.now())).map((s) => s.labels.job));
      return jobs.has('gateway') && jobs.has('faultline-proxy');
    });
    assert.ok(up, 'gateway and faultline-proxy targets should be up');
    const orders = await client.query('faultline_fixture_orders_total{job="gateway"}', Date.now());
    assert.equal(orders[0]?.points[0]?.value, 3);
  });

  it('waits until every target was scraped after a given moment', async () => {
    const client = createPrometheusClient({ baseUrl: prometheus!.url });
    const now = Date.now();
    assert.equal(await waitForScrapesAfter(client, now, 10_000), true);
    const [oldest] = await client.query('min(timestamp(up))', Date.now());
    assert.ok((oldest?.points[0]?.value ?? 0) * 1000 >= now);
  });

  it('attaches to a ready Prometheus by URL, and its stop() leaves that server running', async () => {
    const attached = await attachPrometheus(`${prometheus!.url}/`);
    assert.deepEqual([attached.url, attached.source, attached.pid], [prometheus!.url, 'attach', undefined]);
    await attached.stop();
    assert.equal((await fetch(`${prometheus!.url}/-/ready`)).status, 200);
  });

  it('stops the server it started, by PID', async () => {
    const pid = prometheus!.pid!;
    assert.ok(isAlive(pid));
    await prometheus!.stop();
    assert.equal(isAlive(pid), false);
  });

  it('refuses an attach URL where no Prometheus answers', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    await assert.rejects(attachPrometheus(url, 2000), isCode('ERR_RUN_PROMETHEUS_UNREACHABLE'));
  });

  it('fails fast with ERR_RUN_PROMETHEUS_MISSING when the binary is not there', async () => {
    await assert.rejects(ensurePrometheusBinary('/nonexistent/prometheus'), (err: unknown) => {
      assert.ok(isCode('ERR_RUN_PROMETHEUS_MISSING')(err));
      assert.match((err as Error).message, /\/nonexistent\/prometheus is not an executable file/);
      return true;
    });
    await ensurePrometheusBinary(DEFAULT_PROMETHEUS_BINARY);
  });
});

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { startTestFleet, type TestFleet } from '../fleet/fleet-harness.js';
import { startPrometheus, type LocalPrometheus } from '../prometheus-server/prometheus-process.js';
import { fleetScrapeTargets } from '../prometheus-server/scrape-config.js';
import { startProxyServer, type ProxyServer } from '../proxy/index.js';
import type { Journal } from '../report/journal.js';
import { findProxyLeftovers } from './proxy-leftovers.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURE = join(REPO, 'chaos/runner/fixtures/short-psp-latency.yaml');

/** A loopback port nothing listens on yet (bound, then closed). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function runCli(file: string, work: string): Promise<{ code: number | null; out: string }> {
  const child = spawn(
    process.execPath,
    ['bin/faultline.js', 'run', file, '--runs-dir', join(work, 'runs'), '--state-dir', join(work, 'state')],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out })));
}

describe('faultline run in attach mode (a fleet, proxy and Prometheus it did not start)', function () {
  this.timeout(240_000);
  let work: string;
  let proxy: ProxyServer | undefined;
  let fleet: TestFleet | undefined;
  let prometheus: LocalPrometheus | undefined;
  let otlpPort: number;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'faultline-attach-'));
    otlpPort = await freePort();
    proxy = await startProxyServer({ port: 0, proxyMetrics: true });
    fleet = await startTestFleet({
      proxy: { url: proxy.url },
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${otlpPort}`, OTEL_BSP_SCHEDULE_DELAY: '500' },
    });
    prometheus = await startPrometheus({
      targets: fleetScrapeTargets({
        services: Object.entries(fleet.urls).map(([name, url]) => ({ name, address: new URL(url).host })),
      }),
    });
  });
  after(async () => {
    await prometheus?.stop();
    await fleet?.cleanup();
    await proxy?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('runs a short experiment against them to a pass, reconciles their stores and leaves no toxic and everything running', async () => {
    const experiment = parse(readFileSync(FIXTURE, 'utf8')) as Record<string, unknown>;
    const dsn = (db: string): string => `postgres://postgres@127.0.0.1:5432/${fleet!.dbPrefix}${db}`;
    experiment['title'] = 'Short PSP latency (attach mode)';
    experiment['environment'] = {
      mode: 'attach',
      attach: {
        toxiproxy: proxy!.url,
        gateway: fleet!.urls.gateway,
        prometheus: prometheus!.url,
        otlpReceiver: `http://127.0.0.1:${otlpPort}`,
        databases: { order: dsn('order_db'), payment: dsn('payment_db'), inventory: dsn('inventory_db') },
        amqp: 'amqp://guest:guest@127.0.0.1:5672',
        amqpPrefix: fleet!.amqpPrefix,
      },
      allow: { links: ['payment-psp'] },
    };
    experiment['invariants'] = { reconcile: true };
    const file = join(work, 'attach.yaml');
    writeFileSync(file, stringify(experiment));

    const run = await runCli(file, work);
    assert.equal(run.code, 0, `exit 0 expected\n${run.out}`);
    const [folder] = readdirSync(join(work, 'runs'));
    const journal = JSON.parse(
      readFileSync(join(work, 'runs', folder as string, 'journal.json'), 'utf8'),
    ) as Journal;
    assert.equal(journal.verdict, 'pass');
    assert.equal(journal.faults[0]?.removedMs !== undefined, true, 'the fault window is closed');
    assert.equal(
      journal.checks.find((c) => c.kind === 'evidence')?.verdict,
      'pass',
      'the fleet traces reached the run',
    );
    const invariants = journal.checks.filter((c) => c.kind === 'invariant');
    assert.ok(invariants.length > 1, `reconcile ran: ${JSON.stringify(invariants)}`);
    assert.ok(
      invariants.every((c) => c.verdict === 'pass'),
      JSON.stringify(invariants),
    );
    assert.match(run.out, /proxy check: 0 link\(s\) left with toxics or disabled/);

    assert.deepEqual(await findProxyLeftovers(proxy!.url), [], 'no toxic and no disabled link on the proxy');
    assert.equal((await fetch(`${fleet!.urls.gateway}/readyz`)).status, 200, 'the fleet still runs');
    assert.equal((await fetch(`${prometheus!.url}/-/ready`)).status, 200, 'the Prometheus still runs');
    assert.deepEqual(readdirSync(join(work, 'state')), [], 'no run-state file is left');
  });

  it('refuses a process fault in attach mode before the run starts, with the invalid-input exit code', async () => {
    const experiment = parse(readFileSync(FIXTURE, 'utf8')) as Record<string, unknown>;
    experiment['environment'] = {
      mode: 'attach',
      attach: { toxiproxy: proxy!.url, gateway: fleet!.urls.gateway, prometheus: prometheus!.url },
      allow: { services: ['payment'] },
    };
    experiment['faults'] = [
      { name: 'kill-payment', kind: 'process-kill', service: 'payment', at: '1s', duration: '2s' },
    ];
    const file = join(work, 'attach-kill.yaml');
    writeFileSync(file, stringify(experiment));
    const run = await runCli(file, work);
    // Refused at validation (the per-mode support table), so nothing was started or touched.
    assert.equal(run.code, 4, run.out);
    assert.match(run.out, /faults\[0\]\.kind {2}a process-kill fault is not available in attach mode/);
    assert.doesNotMatch(run.out, /\n\s+at /, 'no stack trace');
  });
});

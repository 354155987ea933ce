import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stringify } from 'yaml';
import {
  CALM,
  placeOrder,
  setSimulator,
  startTestFleet,
  waitForTerminal,
  type TestFleet,
} from '../chaos/fleet/fleet-harness.js';
import { allocatePortBlock } from '../chaos/fleet/ports.js';
import { dashboardsOf, panelQueries, substituteVariables } from './dashboards.js';

const PROMETHEUS = '/usr/bin/prometheus';
const RABBITMQ_METRICS = '127.0.0.1:15692';
/**
 * Panels whose series exist only once a fault acted (a dead letter); this calm run has none. Their
 * queries must still parse and run; every other panel must return at least one series (the
 * resilience and reconnect counters are exported at 0 from the start, and the fleet runs through
 * the embedded fault proxy, whose byte counters are scraped too).
 */
const NEEDS_FAULT_OR_PROXY = new Set(['Redeliveries and dead letters']);
const order = { customerId: 'c-dash', items: [{ sku: 'SKU-0001', quantity: 1 }] };

function scrapeConfig(fleet: TestFleet, rulesFile: string): string {
  const jobs = Object.entries(fleet.urls).map(([job, url]) => ({
    job_name: job,
    static_configs: [{ targets: [new URL(url).host] }],
  }));
  if (fleet.proxyUrl)
    jobs.push({ job_name: 'faultline-proxy', static_configs: [{ targets: [new URL(fleet.proxyUrl).host] }] });
  jobs.push({ job_name: 'rabbitmq', static_configs: [{ targets: [RABBITMQ_METRICS] }] });
  const rabbit = jobs.at(-1) as Record<string, unknown>;
  rabbit['metrics_path'] = '/metrics/per-object';
  return stringify({
    global: { scrape_interval: '1s', evaluation_interval: '1s' },
    rule_files: [rulesFile],
    scrape_configs: jobs,
  });
}

async function query(
  base: string,
  expr: string,
): Promise<{ status: string; error?: string; data?: { result: unknown[] } }> {
  const res = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(expr)}`);
  return (await res.json()) as { status: string; error?: string; data?: { result: unknown[] } };
}

/** Polls `expr` (at most `tries` times, 1 s apart) until it returns a sample with value ≥ `min`. */
async function waitFor(base: string, expr: string, min: number, tries = 60): Promise<void> {
  for (let i = 0; i < tries; i++) {
    const r = await query(base, expr).catch(() => undefined);
    const v = (r?.data?.result[0] as { value?: [number, string] } | undefined)?.value?.[1];
    if (v !== undefined && Number(v) >= min) return;
    await sleep(1000);
  }
  assert.fail(`Prometheus never reported ${expr} >= ${min}`);
}

describe('every dashboard panel query against a real Prometheus scraping the real fleet', function () {
  this.timeout(240000);
  let fleet: TestFleet | undefined;
  let prom: ChildProcess | undefined;
  let dir = '';
  let base = '';

  before(async () => {
    assert.ok(existsSync(PROMETHEUS), `${PROMETHEUS} is missing: install Debian's prometheus package`);
    fleet = await startTestFleet();
    dir = mkdtempSync(join(tmpdir(), 'faultline-dash-prom-'));
    const port = await allocatePortBlock(1);
    base = `http://127.0.0.1:${port}`;
    writeFileSync(
      join(dir, 'prometheus.yml'),
      scrapeConfig(fleet, resolve('prometheus/rules/slo.rules.yml')),
    );
    prom = spawn(
      PROMETHEUS,
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 4; i++) {
      const ok = await placeOrder(fleet, order);
      await waitForTerminal(fleet, ok.body.id);
    }
    // A failing carrier makes the saga compensate its earlier steps (compensation panels).
    await setSimulator(fleet, 'carrier', { errorRate: 1 });
    const failed = await placeOrder(fleet, order);
    await waitForTerminal(fleet, failed.body.id, 60000);
    await setSimulator(fleet, 'carrier', CALM);
    // Every job up (the fleet's services, the proxy, RabbitMQ), not just most of them.
    const jobs = Object.keys(fleet.urls).length + (fleet.proxyUrl ? 1 : 0) + 1;
    await waitFor(base, 'count(up == 1)', jobs);
    // Rates need two scrapes of every saga series inside the panels' 30 s window (a run once
    // queried while order's saga counters had fewer, and every saga panel came back empty), and the
    // 30-day SLO rule one evaluation of the 5m one.
    await waitFor(base, 'count(rate(saga_outcomes_total[30s]))', 2);
    await waitFor(base, 'count(rate(saga_time_to_consistency_bucket[30s]))', 1);
    await waitFor(base, 'count(slo:period_error_budget_remaining:ratio)', 1);
  });

  after(async () => {
    if (prom?.pid !== undefined && prom.exitCode === null) {
      const exited = new Promise((r) => prom?.once('exit', r));
      process.kill(prom.pid, 'SIGTERM');
      await exited;
    }
    await fleet?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs every query and returns series for every panel that needs no fault', async () => {
    const empty: string[] = [];
    // The nightly trend dashboard reads the suite history instead: trend-queries.int.test.ts.
    for (const q of panelQueries(dashboardsOf('fleet'))) {
      const r = await query(base, substituteVariables(q.expr, undefined, '30s'));
      assert.equal(r.status, 'success', `${q.dashboard} / ${q.panel}: ${r.error}`);
      if ((r.data?.result.length ?? 0) === 0 && !NEEDS_FAULT_OR_PROXY.has(q.panel))
        empty.push(`${q.dashboard} / ${q.panel}: ${q.expr}`);
    }
    assert.deepEqual(empty, [], `queries returned no series:\n${empty.join('\n')}`);
  });
});

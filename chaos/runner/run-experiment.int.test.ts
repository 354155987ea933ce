import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { chromium } from 'playwright-core';
import { isSameProcessAlive, processIdentity } from '../faults/proc-stat.js';
import type { ProcessIdentity } from '../faults/index.js';
import {
  assertWaterfallsDrawn,
  CHROMIUM,
  CHROMIUM_ARGS,
  openReport,
} from '../report/html/testing/report-page.js';
import type { Journal } from '../report/journal.js';
import { startCollector } from '../telemetry/index.js';
import type { EnvironmentRecord } from './environment-record.js';
import { startFakeGrafana, type FakeGrafana } from './testing/fake-grafana.js';
import { runCli as runFixture, signalAt, type CliOptions, type CliRun } from './testing/run-cli.js';
import { databasesLike } from './testing/run-leftovers.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURE = 'chaos/runner/fixtures/short-psp-latency.yaml';
const GUARD_FIXTURE = 'chaos/runner/fixtures/short-psp-guard-abort.yaml';

/** Runs `bin/faultline.js run` on a fixture (default: the short PSP latency run). */
function runCli(
  work: string,
  { fixture = FIXTURE, ...options }: CliOptions & { fixture?: string } = {},
): Promise<CliRun> {
  return runFixture(work, fixture, options);
}

function readOnlyJournal(work: string): Journal {
  const runs = readdirSync(join(work, 'runs'));
  assert.equal(runs.length, 1, `one run folder, got ${runs.join(', ')}`);
  return JSON.parse(readFileSync(join(work, 'runs', runs[0] as string, 'journal.json'), 'utf8')) as Journal;
}

/** The runner's own spans in a run's Parquet file. */
async function runnerSpans(
  file: string,
): Promise<{ name: string; span: string; parent: string | null; trace: string }[]> {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  try {
    const result = await connection.runAndReadAll(
      `SELECT name, span_id AS span, parent_span_id AS parent, trace_id AS trace FROM read_parquet(?) WHERE service_name = 'faultline'`,
      [file],
    );
    return result.getRowObjectsJS() as { name: string; span: string; parent: string | null; trace: string }[];
  } finally {
    connection.closeSync();
    db.closeSync();
  }
}

/** Run-state files and environment records (`state/environments/*.json`) left in the state folder. */
const stateFiles = (work: string): string[] =>
  readdirSync(join(work, 'state'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));

/** The PID of the run's Prometheus, from its `prometheus <url> (started, pid N)` line. */
function prometheusPid(stdout: string): number {
  const match = /prometheus http:\/\/127\.0\.0\.1:\d+ \(started, pid (\d+)\)/.exec(stdout);
  assert.ok(match, `no Prometheus start line in\n${stdout}`);
  return Number(match[1]);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('faultline run (real fleet, proxy, RabbitMQ and PostgreSQL)', function () {
  this.timeout(180000);
  let work: string;
  beforeEach(() => (work = mkdtempSync(join(tmpdir(), 'faultline-runner-'))));
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('runs a short PSP latency experiment to a pass, with the fault window recorded and no toxic left', async () => {
    const grafana: FakeGrafana = await startFakeGrafana();
    const run = await runCli(work, {
      env: { FAULTLINE_GRAFANA_URL: grafana.url, FAULTLINE_GRAFANA_TOKEN: 'test-token' },
    }).finally(() => grafana.close());
    assert.equal(run.code, 0, `exit 0 expected\n${run.stdout}\n${run.stderr}`);
    const journal = readOnlyJournal(work);
    assert.equal(journal.status, 'completed');
    assert.equal(journal.verdict, 'pass');
    assert.deepEqual(
      journal.phases.map((p) => p.name),
      ['warmup', 'baseline', 'inject', 'recover'],
    );
    assert.equal(journal.faults.length, 1);
    const [window] = journal.faults;
    const inject = journal.phases[2];
    assert.ok(window && inject);
    assert.deepEqual(window.errors, []);
    // Scheduled 1 s into inject. Phase bounds are the planned offsets, while appliedMs is read with
    // Date.now() when the fault's timer fires, which can read a millisecond early (CI once logged
    // 8999 for a planned 9000): only "inside inject" is exact.
    assert.ok(
      window.appliedMs > inject.startMs,
      `applied at ${window.appliedMs}, inject at ${inject.startMs}`,
    );
    assert.ok(window.removedMs !== undefined && window.removedMs > window.appliedMs);
    const evidence = journal.checks.find((c) => c.kind === 'evidence');
    assert.equal(evidence?.verdict, 'pass', evidence?.reason);
    const promql = journal.checks.find((c) => c.id === 'gateway-errors-after');
    assert.equal(promql?.kind, 'promql');
    assert.equal(promql.verdict, 'pass', promql.reason);
    assert.equal(typeof promql.evidence.observed, 'number', JSON.stringify(promql.evidence));
    const recovery = journal.checks.find((c) => c.id === 'psp-latency-recovery');
    assert.equal(recovery?.kind, 'recovery');
    assert.equal(recovery.verdict, 'pass', recovery.reason);
    assert.ok(!isAlive(prometheusPid(run.stdout)), "the run's Prometheus was stopped");
    assert.match(run.stdout, /\(started, pid \d+\) with 1 rule file\(s\)/, 'the SLO rules are loaded');
    assert.match(run.stdout, /proxy check: 0 link\(s\) left with toxics or disabled/);
    assert.deepEqual(stateFiles(work), [], 'no run-state file is left');
    for (const f of ['junit.xml', 'summary.md', 'report.html', 'spans.parquet'])
      assert.ok(readdirSync(join(work, 'runs', journal.runId)).includes(f), `${f} written`);

    // Server-side SLIs from the run's Prometheus, for the report's charts.
    const p99 = journal.sli.find((x) => x.name === 'gateway p99 latency');
    assert.ok(p99, `SLIs recorded: ${journal.sli.map((x) => x.name).join(', ')}`);
    assert.ok(
      p99.points.some((pt) => pt.value !== null && pt.value > 0),
      'the gateway p99 has values',
    );
    assert.ok(
      journal.sli.some((x) => x.name === 'psp_p50_latency'),
      "the recovery check's SLI is charted too",
    );

    // Waterfalls of the fleet's traces, picked from the store.
    assert.ok(journal.traces.length > 0, 'the journal has trace waterfalls');
    for (const t of journal.traces) {
      assert.ok(t.spans.length > 0, `trace ${t.traceId} has spans`);
      assert.ok(!t.spans.some((s) => s.service === 'faultline'), "the runner's own trace is not a waterfall");
    }
    // The real report draws them, offline, with no console errors.
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await openReport(browser, join(work, 'runs', journal.runId, 'report.html'));
      assert.deepEqual(page.problems, []);
      assert.deepEqual(page.requests, []);
      assertWaterfallsDrawn(page.stats, journal);
    } finally {
      await browser.close();
    }
    // The runner's own trace, in the run's store (and so in its Parquet).
    const own = await runnerSpans(join(work, 'runs', journal.runId, 'spans.parquet'));
    const root = own.find((s) => s.name === 'experiment');
    assert.ok(root, `an experiment span in ${JSON.stringify(own)}`);
    assert.equal(root.parent, null);
    const children = own.filter((s) => s.parent === root.span).map((s) => s.name);
    for (const name of [
      'environment',
      'phase warmup',
      'phase baseline',
      'phase inject',
      'phase recover',
      'fault toxic',
      'checks',
    ])
      assert.ok(children.includes(name), `child span ${name} in ${children.join(', ')}`);
    assert.ok(
      own.every((s) => s.trace === root.trace),
      'one trace',
    );
    // One Grafana annotation for the one fault window.
    assert.equal(grafana.requests.length, 1, JSON.stringify(grafana.requests));
    const [annotation] = grafana.requests;
    assert.equal(annotation?.authorization, 'Bearer test-token');
    assert.deepEqual(annotation?.body.tags, ['faultline', journal.runId, 'psp-slow']);
    const startedMs = Date.parse(journal.startedAt);
    assert.ok(annotation.body.time >= startedMs && annotation.body.timeEnd > annotation.body.time);
  });

  it('removes the fault and writes an interrupted journal when SIGINT arrives during inject', async () => {
    const interrupt = signalAt('fault psp-slow applied');
    const run = await runCli(work, { onLine: interrupt.onLine });
    assert.ok(interrupt.sent, `the fault was never applied\n${run.stdout}\n${run.stderr}`);
    assert.equal(run.code, 130, `${run.stdout}\n${run.stderr}`);
    const journal = readOnlyJournal(work);
    assert.equal(journal.status, 'interrupted');
    assert.equal(journal.exit, 'interrupted');
    assert.ok(journal.faults[0]?.removedMs !== undefined, 'the fault window is closed');
    assert.match(run.stdout, /proxy check: 0 link\(s\) left with toxics or disabled/);
    assert.ok(!isAlive(prometheusPid(run.stdout)), "the run's Prometheus was stopped");
    assert.deepEqual(stateFiles(work), [], 'no run-state file is left');
  });

  it('leaves nothing running when the controller is SIGKILLed during inject: services exit, cleanup does the rest, its spans stay at the OTLP endpoint', async () => {
    let services: ProcessIdentity[] = [];
    let controller = 0;
    // The runner's own spans also go to OTEL_EXPORTER_OTLP_ENDPOINT, as they end.
    const endpoint = await startCollector({ port: 0 });
    let endpointSpans: string[] = [];
    const running = runCli(work, {
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint.url },
      onLine: (line, pid) => {
        if (services.length === 0 && line.includes('fault psp-slow applied')) {
          services = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
            .trim()
            .split(/\s+/)
            .map((child) => processIdentity(Number(child)))
            .filter((p) => p !== undefined);
          controller = pid;
        }
      },
    });
    let run: CliRun;
    try {
      const namesAtEndpoint = async (): Promise<string[]> => {
        await endpoint.store.flush();
        const rows = await endpoint.store.query(
          `SELECT name FROM spans WHERE service_name = 'faultline' ORDER BY name`,
        );
        return rows.map((r) => String(r['name']));
      };
      // Kill once the fault is on (the fleet starts first: up to 2 min) and the phases ended so far
      // have reached the endpoint (sent within a second of ending; the fault lasts 8 s).
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      for (let i = 0; i < 1200 && controller === 0; i++) await sleep(100);
      for (let i = 0; i < 50 && controller > 0 && !(await namesAtEndpoint()).includes('phase baseline'); i++)
        await sleep(100);
      assert.ok(controller > 0, 'the fault was never applied');
      process.kill(controller, 'SIGKILL');
      run = await running;
      endpointSpans = await namesAtEndpoint();
    } finally {
      await endpoint.close();
    }
    assert.ok(services.length > 0, `the fault was never applied\n${run.stdout}\n${run.stderr}`);
    assert.equal(run.code, null, 'killed');
    // What had ended before the kill is at the endpoint; the root, inject and the fault never ended.
    assert.deepEqual(endpointSpans, ['environment', 'phase baseline', 'phase warmup']);
    const [recordFile] = stateFiles(work).filter((f) => f.startsWith('environments'));
    assert.ok(recordFile, `an environment record: ${stateFiles(work).join(', ')}`);
    const record = JSON.parse(readFileSync(join(work, 'state', recordFile), 'utf8')) as EnvironmentRecord;
    const prometheus = prometheusPid(run.stdout);
    assert.deepEqual(record.processes.map((p) => p.name).sort(), [
      'carrier',
      'gateway',
      'inventory',
      'order',
      'payment',
      'prometheus',
      'psp',
      'shipping',
    ]);

    // The fleet's services see their launcher's IPC channel close and stop by themselves;
    // Prometheus gets SIGTERM from the kernel when its parent dies (setpriv --pdeathsig).
    const fleet = services.filter((p) => p.pid !== prometheus);
    assert.equal(fleet.length, 7);
    const children = [...fleet, ...services.filter((p) => p.pid === prometheus)];
    assert.equal(children.length, 8, 'Prometheus is one of the controller children');
    const deadline = Date.now() + 30000;
    while (children.some(isSameProcessAlive) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(fleet.filter(isSameProcessAlive), [], 'fleet services outlived their launcher');
    assert.deepEqual(children.filter(isSameProcessAlive), [], 'Prometheus outlived its controller');

    const cleanup = spawnSync(
      process.execPath,
      ['bin/faultline.js', 'cleanup', '--state-dir', join(work, 'state')],
      {
        cwd: REPO,
        encoding: 'utf8',
      },
    );
    assert.equal(cleanup.status, 0, `${cleanup.stdout}\n${cleanup.stderr}`);
    assert.match(cleanup.stdout, /already-gone .*toxic latency .*the proxy ran inside the dead controller/);
    // Nothing of the record's processes is left to stop: cleanup skips what is already gone.
    assert.doesNotMatch(cleanup.stdout, /stopped prometheus/);
    const recorded = record.processes.find((p) => p.name === 'prometheus');
    assert.equal(recorded?.pid, prometheus);
    assert.deepEqual(await databasesLike(record.dbPrefix), [], "the run's databases were dropped");
    assert.equal(
      record.tempDirs.length,
      2,
      `the fleet's and Prometheus's temp folders: ${record.tempDirs.join(', ')}`,
    );
    assert.deepEqual(record.tempDirs.filter(existsSync), [], 'the temp folders were removed');
    assert.deepEqual(stateFiles(work), [], 'no run-state file or environment record is left');
  });

  it('aborts inject when a guard breaches twice in a row, removing the fault before its planned end', async () => {
    const run = await runCli(work, { fixture: GUARD_FIXTURE, flags: ['--no-prometheus-rules'] });
    assert.equal(run.code, 3, `exit 3 (aborted) expected\n${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /\(started, pid \d+\) with 0 rule file\(s\)/, '--no-prometheus-rules');
    const journal = readOnlyJournal(work);
    assert.equal(journal.status, 'aborted');
    const abort = journal.guardEvents.find((e) => e.type === 'abort');
    assert.ok(abort, JSON.stringify(journal.guardEvents));
    assert.equal(abort.consecutive, 2);
    const [window] = journal.faults;
    const planned = journal.experiment.faults[0];
    assert.ok(window?.removedMs !== undefined && planned, 'the fault window is closed');
    assert.ok(window.removedMs < planned.endMs, `removed at ${window.removedMs}, planned ${planned.endMs}`);
    assert.equal(journal.checks.find((c) => c.kind === 'guard')?.verdict, 'fail');
    assert.match(run.stdout, /proxy check: 0 link\(s\) left with toxics or disabled/);
    assert.deepEqual(stateFiles(work), [], 'no run-state file is left');
  });

  it('exits with the environment code and names the fix when the Prometheus binary is missing', async () => {
    const missing = join(work, 'no-such-prometheus');
    const run = await runCli(work, { env: { FAULTLINE_PROMETHEUS_BIN: missing } });
    assert.equal(run.code, 5, `exit 5 (environment) expected\n${run.stdout}\n${run.stderr}`);
    assert.ok(run.stderr.includes(`${missing} is not an executable file`), run.stderr);
    assert.match(run.stderr, /install Debian's `prometheus` package/);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
    assert.ok(!existsSync(join(work, 'runs')), 'no run folder is written');
  });
});

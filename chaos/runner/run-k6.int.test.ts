import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { k6Children, requireRealK6 } from '../../load/testing/real-k6.js';
import {
  isAlive,
  prometheusPid,
  readOnlyJournal,
  REPO,
  runCli,
  signalAt,
  stateFiles,
} from './testing/run-cli.js';

/**
 * `faultline run` with `load.engine: k6` and real k6, on the runner's short fixture (which has a
 * guard): a clean pass, k6 killed mid-run, Ctrl-C with and without a guard, a bad K6_BIN. Each
 * test has mocha's timeout: a controller that hangs fails the test instead of hanging CI.
 */
const FIXTURE = 'chaos/runner/fixtures/short-psp-latency.yaml';

/** The fixture under k6 (and without its guard when asked), written into `work`. */
function k6Fixture(work: string, { guard = true } = {}): string {
  // VUs allocated up front: k6 initialises a VU mid-run slowly on a busy machine, and every late
  // arrival would be a dropped iteration (an inconclusive run).
  let text = readFileSync(join(REPO, FIXTURE), 'utf8').replace(
    'engine: builtin',
    'engine: k6\n  executor: { preAllocatedVUs: 20, maxVUs: 40 }',
  );
  if (!guard) text = text.replace(/\nguards:[\s\S]*?\nsteadyState:/, '\nsteadyState:');
  assert.match(text, /engine: k6/);
  const file = join(work, guard ? 'short-k6.yaml' : 'short-k6-no-guard.yaml');
  writeFileSync(file, text);
  return file;
}

function assertCleanedUp(work: string, stdout: string): void {
  assert.match(stdout, /proxy check: 0 link\(s\) left with toxics or disabled/);
  assert.ok(!isAlive(prometheusPid(stdout)), "the run's Prometheus was stopped");
  assert.deepEqual(stateFiles(work), [], 'no run-state file or environment record is left');
}

describe('faultline run with load.engine k6 (real k6, fleet, proxy, RabbitMQ, PostgreSQL)', function () {
  this.timeout(600_000);
  let k6: string;
  let work: string;
  before(function () {
    k6 = requireRealK6(this);
  });
  beforeEach(() => (work = mkdtempSync(join(tmpdir(), 'faultline-run-k6-'))));
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('passes the short fixture with k6 samples in the journal: engine k6, per-second series, no drops, the fault inside inject', async () => {
    const run = await runCli(work, k6Fixture(work), { env: { K6_BIN: k6 } });
    assert.equal(run.code, 0, `exit 0 expected\n${run.stdout}\n${run.stderr}`);
    const journal = readOnlyJournal(work);
    assert.equal(journal.verdict, 'pass');
    const summary = journal.load.summary as { faultline?: { engine?: string } };
    assert.equal(summary.faultline?.engine, 'k6');
    assert.ok(journal.load.series.length >= 20, `${journal.load.series.length} seconds of series`);
    assert.ok(journal.load.series.some((p) => p.rps > 0 && p.p99Ms !== null));
    assert.equal(journal.checks.find((c) => c.id === 'load.dropped-iterations')?.verdict, 'pass');
    assert.match(run.stdout, /k6 started its first phase \d+ ms after launch; timeline anchored there/);
    const inject = journal.phases.find((p) => p.name === 'inject');
    const [window] = journal.faults;
    assert.ok(
      inject && window && window.appliedMs > inject.startMs && (window.removedMs ?? Infinity) <= inject.endMs,
    );
    assertCleanedUp(work, run.stdout);
  });

  it('exits 5 with an error journal, the fault removed and everything stopped, when k6 is killed mid-run (guard live)', async () => {
    let killed = 0;
    const run = await runCli(work, k6Fixture(work), {
      env: { K6_BIN: k6 },
      onLine: (line, pid) => {
        if (killed === 0 && line.includes('fault psp-slow applied'))
          for (const k6Pid of k6Children(pid)) {
            process.kill(k6Pid, 'SIGKILL');
            killed++;
          }
      },
    });
    assert.equal(killed, 1, `k6 was not found to kill\n${run.stdout}\n${run.stderr}`);
    assert.equal(run.code, 5, `exit 5 (environment) expected\n${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /load engine k6 failed: k6 was killed by SIGKILL/);
    const journal = readOnlyJournal(work);
    assert.equal(journal.status, 'error');
    assert.equal(journal.exit, 'environment');
    assert.ok(journal.faults[0]?.removedMs !== undefined, 'the fault window is closed');
    assertCleanedUp(work, run.stdout);
  });

  for (const guard of [true, false]) {
    it(`exits 130 with an interrupted journal when SIGINT arrives during inject (${guard ? 'with' : 'without'} a guard)`, async () => {
      const interrupt = signalAt('fault psp-slow applied');
      const run = await runCli(work, k6Fixture(work, { guard }), {
        env: { K6_BIN: k6 },
        onLine: interrupt.onLine,
      });
      assert.ok(interrupt.sent, `the fault was never applied\n${run.stdout}\n${run.stderr}`);
      assert.equal(run.code, 130, `${run.stdout}\n${run.stderr}`);
      const journal = readOnlyJournal(work);
      assert.equal(journal.status, 'interrupted');
      assert.equal(journal.experiment.guards.length, guard ? 1 : 0);
      assert.ok(journal.faults[0]?.removedMs !== undefined, 'the fault window is closed');
      assert.ok(existsSync(join(work, 'runs', journal.runId, 'report.html')), 'the report is written');
      assert.ok(
        (journal.load.summary.metrics['http_reqs']?.values['count'] ?? 0) > 0,
        'what k6 measured is kept',
      );
      assertCleanedUp(work, run.stdout);
    });
  }

  it('stops before starting anything, with exit 5 and the supported range, when K6_BIN is not k6', async () => {
    const run = await runCli(work, k6Fixture(work), { env: { K6_BIN: join(work, 'no-such-k6') } });
    assert.equal(run.code, 5, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stderr, /cannot run k6 at .*no-such-k6/);
    assert.match(run.stderr, /v0\.48\.0 or later, below v2/);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
    assert.doesNotMatch(run.stdout, /starting the embedded environment/);
    assert.ok(!existsSync(join(work, 'runs')), 'no run folder is written');
  });
});

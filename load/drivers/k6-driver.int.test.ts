import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateThreshold } from '../../chaos/assertions/threshold/threshold-evaluator.js';
import { BUILTIN_PROFILES } from '../profiles/builtin-profiles.js';
import type { LoadProfile } from '../profiles/profile.js';
import { startMiniGateway, type MiniGateway } from '../testing/mini-gateway.js';
import { K6_BUNDLE, k6Children, requireRealK6 } from '../testing/real-k6.js';
import { k6Driver } from './k6-driver.js';
import type { LoadRunRequest } from './load-driver.js';
import { checkK6Binary } from './k6-version.js';

const arrivals = (rate: number, duration: string, preAllocatedVUs: number, maxVUs = preAllocatedVUs) => ({
  executor: 'constant-arrival-rate' as const,
  rate,
  duration,
  preAllocatedVUs,
  maxVUs,
});

describe('k6 driver with real k6 (against the mini gateway)', function () {
  this.timeout(90_000);
  let k6: string;
  let gateway: MiniGateway;
  let dir: string;
  before(function () {
    k6 = requireRealK6(this);
  });
  beforeEach(async () => {
    gateway = await startMiniGateway({ terminalAfterMs: 30 });
    dir = mkdtempSync(join(tmpdir(), 'faultline-k6-int-'));
  });
  afterEach(async () => {
    await gateway.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const request = (profile: LoadProfile, extra: Partial<LoadRunRequest> = {}): LoadRunRequest => ({
    profile,
    baseUrl: gateway.baseUrl,
    apiKey: 'faultline-dev-key',
    runId: 'k6-int',
    workDir: dir,
    onOutput: () => undefined,
    ...extra,
  });

  it('runs the checkout journey under each executor, one per phase, with per-phase, per-request and per-outcome sub-metrics', async () => {
    const profile: LoadProfile = {
      name: 'executors',
      journey: 'checkout',
      phases: [
        {
          phase: 'warm-up',
          executor: {
            executor: 'ramping-arrival-rate',
            startRate: 1,
            stages: [{ target: 4, duration: '2s' }],
            preAllocatedVUs: 4,
          },
        },
        { phase: 'baseline', executor: arrivals(4, '2s', 4) },
        { phase: 'inject', executor: { executor: 'constant-vus', vus: 1, duration: '2s' } },
      ],
    };
    let startedAt: number | undefined;
    const outcome = await k6Driver(k6, K6_BUNDLE).run(
      request(profile, { onStarted: (t) => (startedAt = t) }),
    );
    assert.equal(outcome.engine, 'k6');
    assert.equal(outcome.summary.faultline.engine, 'k6');
    assert.ok(startedAt !== undefined && outcome.summary.faultline.startedEpochMs === startedAt);
    for (const phase of ['warm-up', 'baseline', 'inject'])
      assert.ok((outcome.view.value('iterations', 'count', { phase }) ?? 0) > 0, `iterations in ${phase}`);
    assert.ok((outcome.view.value('http_req_duration', 'p(99)', { name: 'POST /v1/orders' }) ?? 0) > 0);
    assert.ok((outcome.view.value('order_time_to_terminal', 'count', { outcome: 'completed' }) ?? 0) > 0);
    assert.equal(outcome.view.value('http_req_failed', 'rate'), 0);
    const checks = outcome.view.checks.map((c) => c.name).sort();
    assert.deepEqual(checks, ['order accepted (202 with id)', 'order reached a terminal status']);
    assert.ok(outcome.view.checks.every((c) => c.fails === 0 && c.passes > 0));
    // Per-second series for the report's charts, from second 0 (k6's first phase).
    const series = outcome.summary.faultline.timeSeries;
    assert.ok(series.length >= 5, `${series.length} seconds`);
    assert.equal(series[0]?.phase, 'warm-up');
    assert.ok(series.reduce((n, s) => n + s.reqs, 0) === outcome.view.value('http_reqs', 'count'));
  });

  it('runs the browse and mixed journeys and the smoke profile with every check passing', async () => {
    for (const journey of ['browse', 'mixed'] as const) {
      const profile: LoadProfile = { ...BUILTIN_PROFILES['smoke']!, journey };
      const outcome = await k6Driver(k6, K6_BUNDLE).run(request(profile));
      assert.equal(outcome.thresholdsFailed, false, journey);
      assert.ok((outcome.view.value('http_reqs', 'count', { name: 'GET /v1/products' }) ?? 0) > 0, journey);
      assert.ok(outcome.view.checks.length > 0 && outcome.view.checks.every((c) => c.fails === 0), journey);
    }
  });

  it('accepts the standard profile (k6 inspect resolves its scenarios without running them)', () => {
    const result = spawnSync(
      k6,
      ['inspect', '--execution-requirements', '-e', `FAULTLINE_PROFILE_NAME=standard`, K6_BUNDLE],
      { encoding: 'utf8' },
    );
    assert.equal(result.status, 0, result.stderr);
    const inspected = JSON.parse(result.stdout) as { scenarios: Record<string, unknown> };
    assert.deepEqual(Object.keys(inspected.scenarios).sort(), ['baseline', 'inject', 'recover', 'warm-up']);
  });

  it('counts dropped iterations in the phase that dropped them, and reports k6 crossing its own threshold', async () => {
    const profile: LoadProfile = {
      name: 'drops',
      journey: 'browse',
      phases: [
        { phase: 'baseline', executor: arrivals(2, '2s', 2) },
        { phase: 'inject', executor: arrivals(40, '2s', 1) },
      ],
    };
    // A gateway that answers after 100 ms: one VU cannot carry 40/s, whatever the machine's speed.
    const slow = await startMiniGateway({ terminalAfterMs: 30, delayMs: 100 });
    const outcome = await k6Driver(k6, K6_BUNDLE)
      .run(request(profile, { baseUrl: slow.baseUrl }))
      .finally(() => slow.close());
    assert.equal(outcome.view.value('dropped_iterations', 'count', { phase: 'baseline' }) ?? 0, 0);
    assert.ok((outcome.view.value('dropped_iterations', 'count', { phase: 'inject' }) ?? 0) > 0);
    assert.equal(outcome.thresholdsFailed, true);
    assert.deepEqual(outcome.k6ThresholdFailures, [
      { metric: 'dropped_iterations{scenario:inject}', expression: 'count==0' },
    ]);
  });

  it('leaves a trend with no samples out of the summary, so a threshold on it is inconclusive, not a zero that passes', async () => {
    const profile: LoadProfile = {
      name: 'b',
      journey: 'browse',
      phases: [{ phase: 'inject', executor: arrivals(2, '1s', 1) }],
    };
    const outcome = await k6Driver(k6, K6_BUNDLE).run(request(profile));
    for (const metric of ['order_time_to_terminal', 'order_time_to_terminal{phase:inject}']) {
      const r = evaluateThreshold({ id: 'x', metric, threshold: 'p(95)<2000' }, outcome.summary);
      assert.equal(r.verdict, 'inconclusive', `${metric}: ${r.reason}`);
    }
  });

  it('stops on abort: k6 writes its summary, exits 105, and the run is interrupted with what it measured', async () => {
    const profile: LoadProfile = {
      name: 'long',
      journey: 'browse',
      phases: [{ phase: 'inject', executor: arrivals(5, '60s', 2) }],
    };
    const stop = new AbortController();
    const outcome = await k6Driver(k6, K6_BUNDLE).run(
      request(profile, { signal: stop.signal, onStarted: () => setTimeout(() => stop.abort(), 1500) }),
    );
    assert.equal(outcome.interrupted, true);
    assert.equal(outcome.summary.faultline.interrupted, true);
    assert.ok((outcome.view.value('http_reqs', 'count') ?? 0) > 0);
  });

  it('fails with ERR_LOAD_K6_KILLED when k6 is killed mid-run', async () => {
    const profile: LoadProfile = {
      name: 'long',
      journey: 'browse',
      phases: [{ phase: 'inject', executor: arrivals(5, '60s', 2) }],
    };
    const run = k6Driver(k6, K6_BUNDLE).run(
      request(profile, {
        onStarted: () => {
          for (const pid of k6Children(process.pid)) process.kill(pid, 'SIGKILL');
        },
      }),
    );
    await assert.rejects(
      run,
      (err: Error & { code?: string }) => err.code === 'ERR_LOAD_K6_KILLED' && /SIGKILL/.test(err.message),
    );
  });

  it("fails with ERR_LOAD_K6_SCRIPT and k6's own error when the script cannot load (exit 107)", async () => {
    const script = join(dir, 'broken.js');
    writeFileSync(script, "import x from 'k6/no-such-module';\nexport default function () { x(); }\n");
    const lines: string[] = [];
    const run = k6Driver(k6, script).run(
      request(BUILTIN_PROFILES['smoke']!, { onOutput: (l) => lines.push(l) }),
    );
    await assert.rejects(run, (err: Error & { code?: string }) => {
      assert.equal(err.code, 'ERR_LOAD_K6_SCRIPT', err.message);
      assert.match(err.message, /code 107/);
      assert.match(err.message, /no-such-module/);
      return true;
    });
    assert.ok(
      lines.some((l) => l.startsWith('k6: ') && l.includes('no-such-module')),
      lines.join('\n'),
    );
  });

  it('pre-flight: accepts this k6, refuses a missing binary and a program that is not k6', () => {
    assert.match(checkK6Binary(k6), /^v\d+\.\d+\.\d+$/);
    assert.throws(() => checkK6Binary(join(dir, 'no-k6')), { code: 'ERR_LOAD_K6_MISSING' });
    assert.throws(() => checkK6Binary('/bin/true'), { code: 'ERR_LOAD_K6_VERSION' });
  });
});

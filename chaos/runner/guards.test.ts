import assert from 'node:assert/strict';
import type { K6Summary } from '../assertions/threshold/k6-summary.js';
import { BASE_EXPERIMENT } from '../experiment/fixtures-base.js';
import { planExperiment } from '../experiment/plan.js';
import { validateExperiment } from '../experiment/validate-experiment.js';
import type { SpanStore } from '../telemetry/span-store.js';
import { startGuards } from './guards.js';

/** The base experiment with one threshold guard on the load engine's error rate. */
function planWithThresholdGuard() {
  const yaml = [
    ...BASE_EXPERIMENT,
    'guards:',
    '  - name: errors',
    "    check: { type: threshold, metric: http_req_failed, thresholds: ['rate<0.1'] }",
    '    consecutive: 2',
    '    interval: 100ms',
  ].join('\n');
  const result = validateExperiment(`${yaml}\n`, 'guard.yaml');
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  return planExperiment(result.experiment);
}

const failedRate = (rate: number): K6Summary => ({
  metrics: {
    'http_req_failed{phase:inject}': {
      type: 'rate',
      values: { rate, passes: 10, fails: 0 },
    },
    http_req_failed: { type: 'rate', values: { rate, passes: 10, fails: 0 } },
  },
});

/** Runs the guards over `summary` until they abort or `ms` pass; returns the aborting guard. */
async function runGuards(summary: (() => K6Summary) | undefined, ms: number): Promise<string | undefined> {
  let aborted: string | undefined;
  const runner = startGuards(
    planWithThresholdGuard(),
    { store: {} as SpanStore, ...(summary ? { loadSummary: summary } : {}) },
    Date.now(),
    0,
    (guard) => (aborted = guard),
  );
  const deadline = Date.now() + ms;
  while (aborted === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  runner.stop();
  return aborted;
}

describe('threshold guards over the live load metrics', () => {
  it('abort inject after consecutive breaches of the live error rate', async () => {
    assert.equal(await runGuards(() => failedRate(0.5), 3000), 'errors');
  });

  it('do not abort while the live error rate is within the threshold', async () => {
    assert.equal(await runGuards(() => failedRate(0), 600), undefined);
  });

  it('stay inconclusive, never aborting, without live metrics', async () => {
    assert.equal(await runGuards(undefined, 600), undefined);
  });
});

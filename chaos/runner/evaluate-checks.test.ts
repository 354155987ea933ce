import assert from 'node:assert/strict';
import { phaseMetric } from './evaluate-checks.js';
import { slug } from './run-experiment.js';

describe('phaseMetric', () => {
  it("scopes an untagged metric to the check's phase with the load engine's phase name", () => {
    assert.equal(phaseMetric('http_req_failed', 'warmup'), 'http_req_failed{phase:warm-up}');
    assert.equal(phaseMetric('http_req_duration', 'inject'), 'http_req_duration{phase:inject}');
  });

  it('leaves a metric that already has tags, or a check without a phase, alone', () => {
    assert.equal(
      phaseMetric('http_req_duration{phase:inject}', 'recover'),
      'http_req_duration{phase:inject}',
    );
    assert.equal(phaseMetric('http_req_duration', undefined), 'http_req_duration');
  });
});

describe('slug', () => {
  it('turns a title into a folder-safe name', () => {
    assert.equal(slug('PSP latency (with jitter)!'), 'psp-latency-with-jitter');
    assert.equal(slug('***'), 'experiment');
  });
});

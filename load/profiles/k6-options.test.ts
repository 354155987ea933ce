import assert from 'node:assert/strict';
import { k6Options, withPhase } from './k6-options.js';
import type { LoadProfile } from './profile.js';

const profile: LoadProfile = {
  name: 'p',
  journey: 'checkout',
  phases: [
    {
      phase: 'warm-up',
      executor: {
        executor: 'ramping-arrival-rate',
        startRate: 1,
        stages: [
          { target: 5, duration: '10s' },
          { target: 5, duration: '5s' },
        ],
        preAllocatedVUs: 2,
        maxVUs: 10,
      },
    },
    {
      phase: 'inject',
      executor: {
        executor: 'constant-arrival-rate',
        rate: 5,
        duration: '30s',
        preAllocatedVUs: 2,
        maxVUs: 10,
      },
      thresholds: { http_req_failed: ['rate<0.05'] },
    },
  ],
};

describe('k6Options', () => {
  it('makes one scenario per phase, tagged with the phase and started after the previous one', () => {
    const { scenarios } = k6Options(profile);
    assert.deepEqual(Object.keys(scenarios), ['warm-up', 'inject']);
    assert.equal(scenarios['warm-up']?.startTime, '0ms');
    assert.equal(scenarios['inject']?.startTime, '15000ms');
    assert.deepEqual(scenarios['inject']?.tags, { phase: 'inject' });
    assert.equal(scenarios['inject']?.executor, 'constant-arrival-rate');
    assert.equal(scenarios['inject']?.exec, 'default');
  });

  it('requires zero dropped iterations in every phase and adds the phase thresholds', () => {
    const { thresholds } = k6Options(profile);
    assert.deepEqual(thresholds['dropped_iterations{phase:warm-up}'], ['count==0']);
    assert.deepEqual(thresholds['dropped_iterations{phase:inject}'], ['count==0']);
    assert.deepEqual(thresholds['dropped_iterations{scenario:inject}'], ['count==0']);
    assert.deepEqual(thresholds['http_req_failed{phase:inject}'], ['rate>=0', 'rate<0.05']);
    assert.deepEqual(thresholds['http_req_duration{phase:warm-up}'], ['max>=0']);
  });

  it('scopes a profile threshold on an already tagged metric as one selector, never a malformed key', () => {
    assert.equal(withPhase('http_req_failed', 'inject'), 'http_req_failed{phase:inject}');
    assert.equal(
      withPhase('http_req_duration{name:GET /v1/products}', 'inject'),
      'http_req_duration{name:GET /v1/products,phase:inject}',
    );
    assert.equal(withPhase('http_reqs{phase:baseline}', 'inject'), 'http_reqs{phase:baseline}');
    const options = k6Options({
      name: 'p',
      journey: 'browse',
      phases: [
        {
          phase: 'inject',
          executor: { executor: 'constant-vus', vus: 1, duration: '1s' },
          thresholds: { 'http_req_duration{name:GET /v1/products}': ['p(95)<500'] },
        },
      ],
    });
    assert.deepEqual(options.thresholds['http_req_duration{name:GET /v1/products,phase:inject}'], [
      'p(95)<500',
    ]);
    assert.ok(!Object.keys(options.thresholds).some((k) => k.includes('}{')));
  });
});

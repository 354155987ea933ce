import assert from 'node:assert/strict';
import { BUILTIN_PROFILES } from './builtin-profiles.js';
import { validateProfile } from './profile-schema.js';

describe('validateProfile', () => {
  it('accepts every built-in profile', () => {
    for (const profile of Object.values(BUILTIN_PROFILES))
      assert.deepEqual(validateProfile(profile).ok, true);
  });

  it('reports every problem of an impossible profile at once', () => {
    const result = validateProfile({
      name: 'bad',
      journey: 'checkout',
      phases: [
        {
          phase: 'baseline',
          executor: {
            executor: 'constant-arrival-rate',
            rate: -5,
            duration: '10s',
            preAllocatedVUs: 10,
            maxVUs: 2,
          },
        },
        { phase: 'inject', executor: { executor: 'teleport', rate: 1 } },
        { phase: 'recover', executor: { executor: 'constant-vus', vus: 2, duration: 'forever' } },
      ],
    });
    assert.equal(result.ok, false);
    const problems = result.ok ? [] : result.problems;
    const expected = [
      /phases\.0\.executor\.rate/,
      /phases\.0\.executor\.maxVUs: must be >= preAllocatedVUs/,
      /phases\.1\.executor.*unknown executor/,
      /phases\.2\.executor\.duration: must be a k6 duration longer than 0/,
    ];
    for (const pattern of expected)
      assert.ok(
        problems.some((p) => pattern.test(p)),
        `${String(pattern)} not in ${problems.join(' | ')}`,
      );
    assert.equal(problems.length, expected.length);
  });

  it('rejects repeated or out-of-order phases and an unknown journey', () => {
    const arrivals = { executor: 'constant-arrival-rate', rate: 1, duration: '1s', preAllocatedVUs: 1 };
    const result = validateProfile({
      name: 'x',
      journey: 'shopping',
      phases: [
        { phase: 'inject', executor: arrivals },
        { phase: 'baseline', executor: arrivals },
      ],
    });
    const problems = result.ok ? [] : result.problems;
    assert.ok(problems.some((p) => p.startsWith('journey:')));
    assert.ok(problems.some((p) => p.includes('phases.1.phase') && p.includes('out of order')));
  });

  it('rejects a profile with no phases and a non-object input', () => {
    assert.equal(validateProfile({ name: 'x', journey: 'browse', phases: [] }).ok, false);
    assert.equal(validateProfile('nope').ok, false);
  });
});

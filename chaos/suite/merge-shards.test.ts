import assert from 'node:assert/strict';
import { FaultlineError } from '../errors.js';
import { analyzeSuite } from '../history/analyze-suite.js';
import { mergeShards } from './merge-shards.js';
import type { SuiteJson } from './suite-json.js';
import { shardOutput, testEntry, type TrialPlan } from './testing/synthetic-suite.js';

const SELECTION = [
  testEntry('a', 100),
  testEntry('b', 90),
  testEntry('c', 60),
  testEntry('d', 40),
  testEntry('off', 30, 'fail'),
];
const PLAN: TrialPlan = {
  a: {
    lat: [
      { verdict: 'pass', margin: 0.5 },
      { verdict: 'pass', margin: 0.4 },
    ],
    err: [
      { verdict: 'pass', margin: 0.9 },
      { verdict: 'fail', margin: -0.1 },
    ],
  },
  b: {
    lat: [
      { verdict: 'fail', margin: -0.3 },
      { verdict: 'fail', margin: -0.2 },
    ],
  },
  c: {
    inv: [
      { verdict: 'inconclusive', margin: null },
      { verdict: 'inconclusive', margin: null },
    ],
  },
  d: {
    lat: [
      { verdict: 'pass', margin: 0.2 },
      { verdict: 'pass', margin: 0.3 },
    ],
  },
  off: {
    dup: [
      { verdict: 'fail', margin: -1 },
      { verdict: 'fail', margin: -1 },
    ],
  },
};

const shards = (n: number): { suite: SuiteJson; dir: string }[] =>
  Array.from({ length: n }, (_, i) => ({
    suite: shardOutput(SELECTION, PLAN, i + 1, n),
    dir: `shard-${i + 1}`,
  }));

/** What must not depend on sharding: the rows and runs without ids, times and folders. */
const essence = (s: Omit<SuiteJson, 'analysis'>) => ({
  rows: s.rows.map(({ suiteId: _s, startedAt: _t, runDir: _d, ...rest }) => rest),
  runs: s.runs.map(({ dir: _d, startedAt: _s, endedAt: _e, ...rest }) => rest),
  selection: s.selection,
  trials: s.trials,
});

const refused = (pattern: RegExp) => (err: unknown) =>
  err instanceof FaultlineError && err.code === 'ERR_INPUT_SUITE_MERGE' && pattern.test(err.message);

describe('suite merge', function () {
  it('gives the same rows, runs and analysis as an unsharded run, for 2, 3 and 5 shards', function () {
    const whole = mergeShards(shards(1));
    for (const n of [2, 3, 5]) {
      const merged = mergeShards(shards(n));
      assert.deepEqual(essence(merged), essence(whole), `n=${n}`);
      const strip = (a: ReturnType<typeof analyzeSuite>) =>
        JSON.parse(
          JSON.stringify(a, (k, v: unknown) =>
            k === 'suiteId' || k === 'startedAt' || k === 'runDirs' ? undefined : v,
          ),
        ) as unknown;
      assert.deepEqual(
        strip(analyzeSuite([], merged.rows)),
        strip(analyzeSuite([], whole.rows)),
        `analysis n=${n}`,
      );
    }
  });

  it('gives every merged row one suite id and the earliest shard start', function () {
    const merged = mergeShards(shards(3));
    assert.deepEqual([...new Set(merged.rows.map((r) => r.suiteId))], [merged.suiteId]);
    assert.deepEqual([...new Set(merged.rows.map((r) => r.startedAt))], ['2026-12-01T02:00:00.000Z']);
    assert.ok(
      merged.runs.every((r) => r.dir?.startsWith('shard-')),
      'run folders are relative to the merge folder',
    );
    assert.deepEqual(
      merged.mergedFrom.map((m) => m.index),
      [1, 2, 3],
    );
  });

  it('merges the same shards to the same suite id, whatever their order', function () {
    assert.equal(mergeShards(shards(3)).suiteId, mergeShards([...shards(3)].reverse()).suiteId);
  });

  it('refuses shards of different selections', function () {
    const other = shardOutput(SELECTION.slice(0, 4), PLAN, 2, 2);
    assert.throws(() => mergeShards([shards(2)[0]!, { suite: other, dir: 'x' }]), refused(/selection/));
  });

  it('refuses shards of different commits', function () {
    const other = shardOutput(SELECTION, PLAN, 2, 2, { commit: 'c2' });
    assert.throws(() => mergeShards([shards(2)[0]!, { suite: other, dir: 'x' }]), refused(/commit c2/));
  });

  it('refuses overlapping shards', function () {
    const [one] = shards(3);
    assert.throws(
      () => mergeShards([one!, { ...one!, dir: 'again' }, shards(3)[2]!]),
      refused(/both shard 1\/3 \(they overlap\)/),
    );
  });

  it('refuses a missing shard and names it', function () {
    assert.throws(() => mergeShards(shards(3).slice(0, 2)), refused(/shard\(s\) 3\/3 missing/));
  });

  it('refuses shards of different shard counts', function () {
    assert.throws(() => mergeShards([shards(2)[0]!, shards(3)[1]!]), refused(/different shard counts/));
  });

  it('refuses a shard whose experiments are not the ones of its index', function () {
    const [one, two] = shards(2);
    const wrong = {
      ...one!,
      suite: { ...one!.suite, runs: one!.suite.runs.filter((r) => r.experiment !== 'a') },
    };
    assert.throws(() => mergeShards([wrong, two!]), refused(/shard 1\/2\) ran/));
  });

  it('refuses nothing to merge', function () {
    assert.throws(() => mergeShards([]), refused(/no suite folder/));
  });
});

import assert from 'node:assert/strict';
import { FaultlineError } from '../errors.js';
import { assignShards, entriesOfShard, parseShard } from './shard.js';
import type { SuiteEntry } from './suite-entry.js';
import { renderSuitePlan, planSuite, selectionKeyOf } from './suite-plan.js';

const entry = (id: string, weightS: number): SuiteEntry => ({
  id,
  file: `experiments/${id}.yaml`,
  title: id,
  tags: [],
  weightMs: weightS * 1000,
  expect: 'pass',
});

const CATALOG = [
  entry('a', 130),
  entry('b', 120),
  entry('c', 100),
  entry('d', 100),
  entry('e', 95),
  entry('f', 80),
  entry('g', 60),
  entry('h', 30),
  entry('i', 20),
];

describe('suite shards', function () {
  for (const good of [
    ['1/1', 1, 1],
    ['2/4', 2, 4],
    [' 3/3 ', 3, 3],
  ] as const)
    it(`parses --shard ${good[0]}`, function () {
      assert.deepEqual(parseShard(good[0]), { index: good[1], count: good[2] });
    });

  for (const bad of ['0/3', '4/3', 'a/b', '1/0', '2', '1/2/3', '-1/3', ''])
    it(`rejects --shard "${bad}" as invalid input`, function () {
      assert.throws(
        () => parseShard(bad),
        (err: unknown) => err instanceof FaultlineError && err.code === 'ERR_INPUT_SUITE_SHARD',
      );
    });

  it('puts every entry in exactly one shard', function () {
    for (const n of [1, 2, 3, 4, 9, 12]) {
      const ids = assignShards(CATALOG, n).flatMap((s) => s.entries.map((e) => e.id));
      assert.deepEqual([...ids].sort(), CATALOG.map((e) => e.id).sort(), `n=${n}`);
    }
  });

  it('balances shards by weight: the heaviest is within the largest entry of the lightest', function () {
    for (const n of [2, 3, 4]) {
      const shards = assignShards(CATALOG, n);
      const weights = shards.map((s) => s.weightMs);
      const spread = Math.max(...weights) - Math.min(...weights);
      assert.ok(spread <= 130_000, `n=${n}: spread ${spread} ms`);
    }
    assert.deepEqual(
      assignShards(CATALOG, 3).map((s) => s.weightMs / 1000),
      [240, 235, 260],
    );
  });

  it('gives the same shards whatever the input order', function () {
    const reversed = [...CATALOG].reverse();
    assert.deepEqual(assignShards(reversed, 3), assignShards(CATALOG, 3));
  });

  it('leaves an extra shard empty rather than splitting an experiment', function () {
    const shards = assignShards(CATALOG.slice(0, 2), 3);
    assert.equal(shards[2]?.entries.length, 0);
  });

  it('selects one shard, or everything without a shard', function () {
    assert.equal(entriesOfShard(CATALOG, undefined).length, CATALOG.length);
    assert.deepEqual(
      entriesOfShard(CATALOG, { index: 2, count: 3 }).map((e) => e.id),
      assignShards(CATALOG, 3)[1]?.entries.map((e) => e.id),
    );
  });

  it('plans and prints each shard with its expected duration times the trials', function () {
    const text = renderSuitePlan(planSuite(CATALOG, 2, 3));
    assert.match(text, /9 experiment\(s\), 2 trial\(s\) each/);
    assert.match(text, /shard 1\/3: \d experiment\(s\), expected 480s/);
    assert.match(text, /shard 3\/3: \d experiment\(s\), expected 520s/);
  });

  it('keys a selection by its ids and files, not their order', function () {
    assert.equal(selectionKeyOf(CATALOG), selectionKeyOf([...CATALOG].reverse()));
    assert.notEqual(selectionKeyOf(CATALOG), selectionKeyOf(CATALOG.slice(1)));
  });
});

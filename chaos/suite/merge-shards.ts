import { FaultlineError } from '../errors.js';
import { assignShards } from './shard.js';
import type { SuiteJson } from './suite-json.js';

/** A shard output and the folder it was read from (relative to the merge's output folder). */
export interface ShardInput {
  suite: SuiteJson;
  dir: string;
}

const stamp = (iso: string): string => iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

const refuse = (why: string): FaultlineError =>
  new FaultlineError('ERR_INPUT_SUITE_MERGE', `cannot merge these suite outputs: ${why}`);

/**
 * Combines shard outputs into the suite an unsharded run would have produced (timings aside):
 * same selection, same rows, one suite id (`suite-<earliest start>-<selection key>`, so merging
 * the same shards twice gives the same id and the history refuses the duplicate). Pure.
 * An unsharded output merges as a suite of one.
 * @throws FaultlineError `ERR_INPUT_SUITE_MERGE` for shards of different selections, commits or
 *   trial counts, overlapping shards, missing shards, or shards whose experiments are not the
 *   ones their index should hold.
 */
export function mergeShards(inputs: readonly ShardInput[]): Omit<SuiteJson, 'analysis' | 'failOn' | 'exit'> {
  const first = inputs[0]?.suite;
  if (first === undefined) throw refuse('no suite folder given');
  for (const { suite, dir } of inputs) {
    if (suite.selection.key !== first.selection.key)
      throw refuse(
        `${dir} ran selection ${suite.selection.key}, ${inputs[0]!.dir} ran ${first.selection.key}`,
      );
    if (suite.commit !== first.commit)
      throw refuse(`${dir} ran commit ${suite.commit}, ${inputs[0]!.dir} ran ${first.commit}`);
    if (suite.trials !== first.trials)
      throw refuse(`${dir} ran ${suite.trials} trial(s), ${inputs[0]!.dir} ran ${first.trials}`);
  }
  checkCoverage(inputs);
  const startedAt = inputs.map((i) => i.suite.startedAt).sort()[0]!;
  const endedAt = inputs
    .map((i) => i.suite.endedAt)
    .sort()
    .at(-1)!;
  const unsharded = inputs.length === 1 && first.shard === null;
  const suiteId = unsharded ? first.suiteId : `suite-${stamp(startedAt)}-${first.selection.key.slice(0, 8)}`;
  const join = (dir: string, sub: string): string => (dir === '.' || dir === '' ? sub : `${dir}/${sub}`);
  const ordered = [...inputs].sort((a, b) => (a.suite.shard?.index ?? 1) - (b.suite.shard?.index ?? 1));
  return {
    ...first,
    suiteId,
    startedAt,
    endedAt,
    shard: null,
    mergedFrom: ordered.map(({ suite, dir }) => ({
      index: suite.shard?.index ?? 1,
      count: suite.shard?.count ?? 1,
      suiteId: suite.suiteId,
      dir,
    })),
    runs: ordered
      .flatMap(({ suite, dir }) =>
        suite.runs.map((r) => ({ ...r, dir: r.dir === null ? null : join(dir, r.dir) })),
      )
      .sort((a, b) => a.experiment.localeCompare(b.experiment) || a.trial - b.trial),
    rows: ordered
      .flatMap(({ suite, dir }) =>
        suite.rows.map((r) => ({
          ...r,
          suiteId,
          startedAt,
          runDir: r.runDir === null ? null : join(dir, r.runDir),
        })),
      )
      .sort(
        (a, b) =>
          a.experiment.localeCompare(b.experiment) || a.trial - b.trial || a.check.localeCompare(b.check),
      ),
  };
}

/** Every shard 1..n exactly once, each holding exactly the experiments its index is assigned. */
function checkCoverage(inputs: readonly ShardInput[]): void {
  const counts = new Set(inputs.map((i) => i.suite.shard?.count ?? 1));
  if (counts.size > 1)
    throw refuse(`the outputs were split into different shard counts (${[...counts].join(', ')})`);
  const count = [...counts][0]!;
  const seen = new Map<number, string>();
  for (const { suite, dir } of inputs) {
    const index = suite.shard?.index ?? 1;
    const other = seen.get(index);
    if (other !== undefined)
      throw refuse(`${other} and ${dir} are both shard ${index}/${count} (they overlap)`);
    seen.set(index, dir);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) throw refuse(`shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')} missing`);
  const expected = assignShards(inputs[0]!.suite.selection.experiments, count);
  for (const { suite, dir } of inputs) {
    const index = suite.shard?.index ?? 1;
    const want = (expected[index - 1]?.entries ?? []).map((e) => e.id).join(', ');
    const got = [...new Set(suite.runs.map((r) => r.experiment))].sort().join(', ');
    if (got !== want)
      throw refuse(`${dir} (shard ${index}/${count}) ran [${got}], its shard holds [${want}]`);
  }
}

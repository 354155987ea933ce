import { FaultlineError } from '../errors.js';
import type { SuiteEntry } from './suite-entry.js';

/** Shard `index` of `count`, 1-based as written on the command line (`--shard 2/4`). */
export interface ShardSpec {
  index: number;
  count: number;
}

/** One shard's share of the selection. */
export interface Shard {
  index: number;
  entries: SuiteEntry[];
  /** Sum of the entries' weights (ms). */
  weightMs: number;
}

/**
 * Parses `i/n` with 1 <= i <= n.
 * ```bnf
 * shard ::= digit+ "/" digit+
 * ```
 * @throws FaultlineError `ERR_INPUT_SUITE_SHARD` for `0/3`, `4/3`, `a/b` and anything else.
 */
export function parseShard(text: string): ShardSpec {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const bad = (why: string): FaultlineError =>
    new FaultlineError(
      'ERR_INPUT_SUITE_SHARD',
      `--shard ${text}: ${why} (expected i/n with 1 <= i <= n, e.g. 2/4)`,
    );
  if (m === null) throw bad('not of the form i/n');
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) throw bad('n must be at least 1');
  if (index < 1 || index > count) throw bad(`i must be between 1 and ${count}`);
  return { index, count };
}

/**
 * Splits the selection into `count` shards by greedy bin packing: heaviest entry first (ties by
 * id), each into the lightest shard so far (ties to the lowest index). Deterministic for a given
 * selection, whatever its input order. Pure.
 */
export function assignShards(entries: readonly SuiteEntry[], count: number): Shard[] {
  const shards: Shard[] = Array.from({ length: count }, (_, i) => ({
    index: i + 1,
    entries: [],
    weightMs: 0,
  }));
  const order = [...entries].sort(
    (a, b) => b.weightMs - a.weightMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  for (const entry of order) {
    let target = shards[0]!;
    for (const s of shards) if (s.weightMs < target.weightMs) target = s;
    target.entries.push(entry);
    target.weightMs += entry.weightMs;
  }
  for (const s of shards) s.entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return shards;
}

/** The entries of one shard (all of them without a shard spec). */
export function entriesOfShard(entries: readonly SuiteEntry[], shard: ShardSpec | undefined): SuiteEntry[] {
  if (shard === undefined) return [...entries];
  return assignShards(entries, shard.count)[shard.index - 1]?.entries ?? [];
}

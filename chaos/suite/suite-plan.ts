import { createHash } from 'node:crypto';
import { assignShards, type Shard } from './shard.js';
import type { SuiteEntry } from './suite-entry.js';

/** What `faultline suite plan` shows, and what shard outputs record to be merged safely. */
export interface SuitePlan {
  selection: SuiteEntry[];
  /** Identifies the selection (ids and files), so merge can refuse shards of another one. */
  selectionKey: string;
  trials: number;
  shards: Shard[];
}

/** A stable fingerprint of a selection: sha256 of its sorted `id=file` pairs, first 16 hex digits. */
export function selectionKeyOf(selection: readonly SuiteEntry[]): string {
  const text = selection
    .map((e) => `${e.id}=${e.file}`)
    .sort()
    .join('\n');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** The plan of a suite: its selection split into `shardCount` shards (1 = unsharded). Pure. */
export function planSuite(selection: readonly SuiteEntry[], trials: number, shardCount: number): SuitePlan {
  return {
    selection: [...selection],
    selectionKey: selectionKeyOf(selection),
    trials,
    shards: assignShards(selection, shardCount),
  };
}

const seconds = (ms: number): string => `${Math.round(ms / 1000)}s`;

/** The plan as text: the selection, then each shard's experiments and its expected duration. */
export function renderSuitePlan(plan: SuitePlan): string {
  const lines = [
    `selection ${plan.selectionKey}: ${plan.selection.length} experiment(s), ${plan.trials} trial(s) each`,
  ];
  for (const e of plan.selection)
    lines.push(`  ${e.id.padEnd(32)} ${seconds(e.weightMs).padStart(6)}  [${e.tags.join(', ')}]  ${e.file}`);
  for (const s of plan.shards) {
    const expected = s.weightMs * plan.trials;
    lines.push(
      `shard ${s.index}/${plan.shards.length}: ${s.entries.length} experiment(s), expected ${seconds(expected)}`,
    );
    for (const e of s.entries) lines.push(`  ${e.id}`);
  }
  return `${lines.join('\n')}\n`;
}

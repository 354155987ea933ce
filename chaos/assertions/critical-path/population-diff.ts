import type { PathComponent, PathDimension, PopulationSummary } from './population-summary.js';

/** How a diff ranks components: by growth in share of the critical path, or in mean ms per trace. */
export const DIFF_RANKINGS = ['share', 'ms'] as const;
export type DiffRanking = (typeof DIFF_RANKINGS)[number];

/** One component compared across two populations (`before` → `after`). */
export interface DiffRow {
  key: string;
  beforeShare: number;
  afterShare: number;
  /** afterShare − beforeShare (a fraction; ×100 for percentage points). */
  shareDelta: number;
  beforeMeanMs: number;
  afterMeanMs: number;
  meanMsDelta: number;
  afterP99Ms: number;
}

/** Two populations compared along one dimension; `inconclusive` when either side has no traces. */
export interface PopulationDiff {
  dimension: PathDimension;
  rankBy: DiffRanking;
  beforeTraces: number;
  afterTraces: number;
  /** Why there is nothing to compare, when either population is empty. */
  inconclusive?: string;
  /** Every component of either side, largest growth first. */
  rows: DiffRow[];
}

/**
 * Compares the critical paths of two populations (baseline → inject, or one run → another) along
 * one dimension, ranking components by how much their share (default) or their mean contribution
 * grew. A component missing on one side counts as 0 there. Pure.
 */
export function diffPopulations(
  before: PopulationSummary,
  after: PopulationSummary,
  dimension: PathDimension,
  rankBy: DiffRanking = 'share',
): PopulationDiff {
  const base = { dimension, rankBy, beforeTraces: before.traces, afterTraces: after.traces };
  if (before.traces === 0 || after.traces === 0) {
    const side = before.traces === 0 ? 'the first' : 'the second';
    return {
      ...base,
      inconclusive: `${side} population has no traces, so there is nothing to compare`,
      rows: [],
    };
  }
  const b = byKey(before.components[dimension]);
  const a = byKey(after.components[dimension]);
  const keys = new Set([...b.keys(), ...a.keys()]);
  const rows = [...keys].map((key): DiffRow => {
    const x = b.get(key);
    const y = a.get(key);
    const beforeShare = x?.share ?? 0;
    const afterShare = y?.share ?? 0;
    const beforeMeanMs = x?.meanMs ?? 0;
    const afterMeanMs = y?.meanMs ?? 0;
    return {
      key,
      beforeShare,
      afterShare,
      shareDelta: afterShare - beforeShare,
      beforeMeanMs,
      afterMeanMs,
      meanMsDelta: afterMeanMs - beforeMeanMs,
      afterP99Ms: y?.p99Ms ?? 0,
    };
  });
  const score = (r: DiffRow): number => (rankBy === 'share' ? r.shareDelta : r.meanMsDelta);
  rows.sort((x, y) => score(y) - score(x) || (x.key < y.key ? -1 : 1));
  return { ...base, rows };
}

function byKey(list: readonly PathComponent[]): Map<string, PathComponent> {
  return new Map(list.map((c) => [c.key, c]));
}

import { compare } from '../threshold/comparison.js';
import type { ObjectiveAst } from '../promql/objective-parser.js';
import type { SeriesPoint } from './series-point.js';

/** Inputs of the recovery-time computation. All times are Unix milliseconds. */
export interface RecoveryInput {
  /** The SLI's samples, in any order; non-finite values are ignored (they are gaps, not data). */
  points: readonly SeriesPoint[];
  /** The SLI's objective, e.g. `< 800` for a p99 latency in ms. */
  objective: Pick<ObjectiveAst, 'operator' | 'limit'>;
  /** When the fault was removed. */
  removedAtMs: number;
  /** How long the SLI must stay within objective to count as recovered (0 = first good sample). */
  stabilityMs: number;
}

export type RecoveryOutcome =
  /** Back within objective at `recoveredAtMs` and stayed there for the stability window. */
  | { status: 'recovered'; recoveryMs: number; recoveredAtMs: number; samples: number }
  /** Still outside objective at the last point out of bounds, `lastBad`. */
  | { status: 'not-recovered'; lastBad: SeriesPoint; samples: number }
  /** Within objective since `since`, but the data ends before the stability window elapsed. */
  | { status: 'unconfirmed'; since: SeriesPoint; lastMs: number; samples: number }
  /** No sample at or after the removal time. */
  | { status: 'no-data' };

/**
 * Time from fault removal until the SLI is within objective and stays there for `stabilityMs`.
 * Pure and linear in the number of points. The answer has the resolution of the sampling: the
 * recovery instant is the first good sample of the first good run that lasts the stability window
 * (a run lasts it when a later sample at least `stabilityMs` after its start is still good).
 */
export function computeRecovery(input: RecoveryInput): RecoveryOutcome {
  const after = input.points
    .filter((p) => p.tMs >= input.removedAtMs && Number.isFinite(p.value))
    .sort((a, b) => a.tMs - b.tMs);
  if (after.length === 0) return { status: 'no-data' };
  let since: SeriesPoint | undefined;
  let lastBad: SeriesPoint | undefined;
  for (const point of after) {
    if (!compare(point.value, input.objective.operator, input.objective.limit)) {
      lastBad = point;
      since = undefined;
      continue;
    }
    since ??= point;
    if (point.tMs - since.tMs >= input.stabilityMs) {
      return {
        status: 'recovered',
        recoveryMs: since.tMs - input.removedAtMs,
        recoveredAtMs: since.tMs,
        samples: after.length,
      };
    }
  }
  const lastMs = after[after.length - 1]?.tMs ?? input.removedAtMs;
  if (since !== undefined) return { status: 'unconfirmed', since, lastMs, samples: after.length };
  // A non-empty series with no good run ends on a bad point.
  return { status: 'not-recovered', lastBad: lastBad ?? after[0]!, samples: after.length };
}

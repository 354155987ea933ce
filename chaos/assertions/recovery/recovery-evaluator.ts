import { FaultlineError } from '../../errors.js';
import type { CheckResult, Evidence, Verdict } from '../../verdict.js';
import { compare } from '../threshold/comparison.js';
import { parseObjective } from '../promql/objective-parser.js';
import { computeRecovery, type RecoveryOutcome } from './recovery-time.js';
import { parseRecoveryObjective } from './recovery-parser.js';
import type { SeriesPoint } from './series-point.js';

/** One recovery check: an SLI series, its objective, and the recovery objective. */
export interface RecoveryCheck {
  id: string;
  /** SLI name for messages, e.g. `p99_latency`. */
  sli: string;
  /** The SLI's objective, e.g. `< 800`. */
  sliObjective: string;
  /** The recovery objective, e.g. `recovery < 30s`. */
  recovery: string;
  /** How long the SLI must stay within objective; default 10 000 ms. */
  stabilityMs?: number;
  removedAtMs: number;
  points: readonly SeriesPoint[];
}

/**
 * Judges a recovery objective. Pure.
 * - recovered: pass/fail by comparing the recovery time with the bound;
 * - not recovered (or recovered too late to confirm): fail when the known lower bound of the
 *   recovery time already breaks the objective, otherwise inconclusive (the data ended too early);
 * - no data after removal: inconclusive.
 *
 * @throws ExpressionError for a malformed SLI objective or recovery objective.
 */
export function evaluateRecovery(check: RecoveryCheck): CheckResult {
  const recovery = parseRecoveryObjective(check.recovery);
  const objective = parseObjective(check.sliObjective);
  const stabilityMs = check.stabilityMs ?? 10_000;
  if (!(stabilityMs >= 0 && Number.isFinite(stabilityMs))) {
    throw new FaultlineError(
      'ERR_INPUT_RECOVERY_STABILITY',
      `stability window must be >= 0 ms, got ${stabilityMs}`,
    );
  }
  const outcome = computeRecovery({
    points: check.points,
    objective,
    removedAtMs: check.removedAtMs,
    stabilityMs,
  });
  const verdict = judge(outcome, check.removedAtMs, (ms) => compare(ms, recovery.operator, recovery.limitMs));
  const { reason, evidence } = describe(outcome, verdict, check, recovery.limitMs / 1000, stabilityMs / 1000);
  return {
    id: check.id,
    kind: 'recovery',
    title: `${check.sli} ${check.sliObjective}: ${check.recovery}`,
    verdict,
    reason,
    evidence: { objective: check.recovery, ...evidence, details: { stabilityMs, ...evidence.details } },
  };
}

function describe(
  outcome: RecoveryOutcome,
  verdict: Verdict,
  check: RecoveryCheck,
  limitS: number,
  stayS: number,
): { reason: string; evidence: Evidence } {
  const what = `${check.sli} (${check.sliObjective})`;
  const afterRemovalS = (tMs: number): number => (tMs - check.removedAtMs) / 1000;
  switch (outcome.status) {
    case 'no-data':
      return { reason: `${what} had no data after the fault was removed`, evidence: { samples: 0 } };
    case 'recovered': {
      const s = outcome.recoveryMs / 1000;
      const reason = `${what} recovered ${s}s after fault removal and stayed within objective for ${stayS}s (limit ${limitS}s)`;
      return { reason, evidence: { observed: s, samples: outcome.samples } };
    }
    case 'not-recovered': {
      const { lastBad } = outcome;
      const early = verdict === 'fail' ? '' : `, which is before the ${limitS}s limit`;
      const reason = `${what} never recovered within the data: last bad point ${lastBad.value} at ${afterRemovalS(lastBad.tMs)}s after removal${early}`;
      return { reason, evidence: { samples: outcome.samples, details: { lastBad } } };
    }
    case 'unconfirmed': {
      const reason = `${what} was within objective from ${afterRemovalS(outcome.since.tMs)}s after removal, but the data ends before the ${stayS}s stability window elapsed`;
      return { reason, evidence: { samples: outcome.samples, details: { since: outcome.since } } };
    }
  }
}

/** For the unfinished outcomes the recovery time is at least a known bound; fail only if that bound already breaks the limit. */
function judge(outcome: RecoveryOutcome, removedAtMs: number, within: (ms: number) => boolean): Verdict {
  switch (outcome.status) {
    case 'no-data':
      return 'inconclusive';
    case 'recovered':
      return within(outcome.recoveryMs) ? 'pass' : 'fail';
    case 'not-recovered':
      return within(outcome.lastBad.tMs - removedAtMs) ? 'inconclusive' : 'fail';
    case 'unconfirmed':
      return within(outcome.since.tMs - removedAtMs) ? 'inconclusive' : 'fail';
  }
}

import { evaluateThreshold } from '../assertions/threshold/threshold-evaluator.js';
import { parseThreshold } from '../assertions/threshold/threshold-parser.js';
import type { Journal } from '../report/journal.js';
import type { CheckResult } from '../verdict.js';
import { marginOf, marginOfAll, type Bound, type ValueScale } from './margin.js';
import { parseObjectiveClauses } from './objective-clauses.js';

/**
 * The margin of one check result of a run, or undefined: inconclusive checks, checks without a
 * numeric objective (attribute, status, every-trace...) and missing values get none, never a 0.
 * A threshold check with several expressions (`p(99)<800, p(95)<500`) takes its tightest one,
 * each re-read from the journal's load summary.
 */
export function checkMargin(
  result: CheckResult,
  journal: Pick<Journal, 'experiment' | 'load'>,
): number | undefined {
  if (result.verdict === 'inconclusive') return undefined;
  const spec = journal.experiment.checks.find((c) => c.id === result.id)?.spec;
  if (spec?.type === 'threshold') return thresholdMargin(spec.thresholds, result, journal);
  const { observed, objective } = result.evidence;
  if (observed === undefined || objective === undefined) return undefined;
  const clauses = parseObjectiveClauses(objective);
  if (clauses === undefined || clauses.length !== 1) return undefined;
  const clause = clauses[0]!;
  const scale: ValueScale = spec?.type === 'trace' && spec.kind === 'rate' ? 'rate' : 'plain';
  return marginOf({ op: clause.op, limit: clause.limit, observed, scale });
}

function thresholdMargin(
  thresholds: readonly string[],
  result: CheckResult,
  journal: Pick<Journal, 'load'>,
): number | undefined {
  const metric = result.evidence.details?.['metric'];
  if (typeof metric !== 'string') return undefined;
  const bounds: Bound[] = [];
  for (const [i, source] of thresholds.entries()) {
    try {
      const ast = parseThreshold(source);
      const r = evaluateThreshold({ id: `${result.id}.${i}`, metric, threshold: ast }, journal.load.summary);
      const observed = r.evidence.observed;
      if (r.verdict === 'inconclusive' || observed === undefined) return undefined;
      const op = ast.operator === '===' ? '==' : ast.operator;
      bounds.push({ op, limit: ast.limit, observed, scale: ast.aggregation === 'rate' ? 'rate' : 'plain' });
    } catch {
      return undefined;
    }
  }
  return marginOfAll(bounds);
}

import type { CheckResult, Evidence, Verdict } from '../../verdict.js';
import { meetsObjective, parseObjective } from './objective.js';
import type {
  AttributeAssertion,
  CountAssertion,
  DurationAssertion,
  EveryTraceAssertion,
  NoTraceAssertion,
  PropagationAssertion,
  RateAssertion,
  StatusAssertion,
  TraceAssertion,
} from './trace-assertion.js';
import type { AllMatchStats, PropagationStats, ScalarStats, StructureStats } from './trace-stats.js';

/** Pure verdicts for trace assertions, from what the queries measured. */

const DEFAULT_PROPAGATION = { linked: '>= 0.99', orphans: '<= 0.01' } as const;

/** The minimum number of samples for a conclusive verdict. */
export function minSamplesOf(a: TraceAssertion): number {
  return a.minSamples ?? (a.kind === 'duration' ? 20 : 1);
}

function result(a: TraceAssertion, verdict: Verdict, reason: string, evidence: Evidence): CheckResult {
  return { id: a.id, kind: 'trace', title: a.title ?? defaultTitle(a), verdict, reason, evidence };
}

/** A short description of the assertion, used when it has no title. */
export function defaultTitle(a: TraceAssertion): string {
  switch (a.kind) {
    case 'count':
      return `count(${a.select}) ${a.objective}`;
    case 'rate':
      return `rate(${a.match} among ${a.select}) ${a.objective}`;
    case 'duration':
      return `${a.stat}(${a.select}) ${a.objective} ms`;
    case 'attribute':
      return `${a.key} of ${a.select} in [${a.allowed.join(', ')}]`;
    case 'status':
      return `status of ${a.select} in [${a.allowed.join(', ')}]`;
    case 'every-trace':
      return `every trace with ${a.when} has ${a.require.join(' and ')}${a.after === false ? '' : ' after it'}`;
    case 'no-trace':
      return `no trace with ${a.when} has ${a.forbid}`;
    case 'propagation':
      return 'trace context propagates across messaging';
  }
}

function tooFew(
  a: TraceAssertion,
  samples: number,
  what: string,
  evidence: Evidence,
): CheckResult | undefined {
  const min = minSamplesOf(a);
  if (samples >= min) return undefined;
  const reason =
    samples === 0
      ? `no ${what} in the window, so there is nothing to judge`
      : `only ${samples} ${what}, fewer than the minimum of ${min}`;
  return result(a, 'inconclusive', reason, evidence);
}

/** count, rate and duration: a number compared with an objective. */
export function evaluateScalar(
  a: CountAssertion | RateAssertion | DurationAssertion,
  stats: ScalarStats,
): CheckResult {
  const objective = parseObjective(a.objective);
  const evidence: Evidence = {
    objective: objective.source,
    samples: stats.samples,
    traceIds: stats.traceIds,
  };
  const what = a.kind === 'count' ? 'spans' : 'selected spans';
  const early = tooFew(a, stats.samples, what, evidence);
  if (early || stats.value === null)
    return early ?? result(a, 'inconclusive', 'no value could be computed', evidence);
  evidence.observed = stats.value;
  const label = a.kind === 'count' ? 'count' : a.kind === 'rate' ? 'rate' : `${a.stat} (ms)`;
  const shown = a.kind === 'rate' ? stats.value.toFixed(4) : String(round(stats.value));
  const ok = meetsObjective(stats.value, objective);
  const over = a.kind === 'count' ? '' : ` over ${stats.samples} spans`;
  return result(
    a,
    ok ? 'pass' : 'fail',
    `${label} is ${shown}${over}; objective ${objective.source} ${ok ? 'met' : 'not met'}`,
    evidence,
  );
}

/** attribute and status: every selected span must satisfy the rule. */
export function evaluateAllMatch(a: AttributeAssertion | StatusAssertion, stats: AllMatchStats): CheckResult {
  const evidence: Evidence = {
    samples: stats.samples,
    observed: stats.violations,
    traceIds: stats.traceIds,
    details: { offending: stats.offending },
  };
  const early = tooFew(a, stats.samples, 'selected spans', evidence);
  if (early) return early;
  const what = a.kind === 'status' ? 'status' : `attribute ${a.key}`;
  if (stats.violations === 0)
    return result(a, 'pass', `all ${stats.samples} selected spans have an allowed ${what}`, evidence);
  const values = Object.entries(stats.offending)
    .map(([v, n]) => `${v} x${n}`)
    .join(', ');
  return result(
    a,
    'fail',
    `${stats.violations} of ${stats.samples} selected spans have a disallowed ${what} (${values})`,
    evidence,
  );
}

/** every-trace and no-trace: the share of triggering traces that break the rule must be zero. */
export function evaluateStructure(
  a: EveryTraceAssertion | NoTraceAssertion,
  stats: StructureStats,
): CheckResult {
  const evidence: Evidence = { samples: stats.traces, observed: stats.violations, traceIds: stats.traceIds };
  const early = tooFew(a, stats.traces, `traces containing ${a.when}`, evidence);
  if (early) return early;
  if (stats.violations === 0)
    return result(a, 'pass', `all ${stats.traces} traces containing ${a.when} satisfy the rule`, evidence);
  const rule =
    a.kind === 'every-trace'
      ? `lack ${a.require.join(' or ')}${a.after === false ? '' : ' after the trigger'}`
      : `contain ${a.forbid}`;
  return result(
    a,
    'fail',
    `${stats.violations} of ${stats.traces} traces containing ${a.when} ${rule}`,
    evidence,
  );
}

/** propagation: both shares must meet their objectives; no consumer spans is inconclusive. */
export function evaluatePropagation(a: PropagationAssertion, stats: PropagationStats): CheckResult {
  const linkedObjective = parseObjective(a.linked ?? DEFAULT_PROPAGATION.linked);
  const orphanObjective = parseObjective(a.orphans ?? DEFAULT_PROPAGATION.orphans);
  const linked = stats.consumers === 0 ? null : stats.linkedConsumers / stats.consumers;
  const orphans = stats.traces === 0 ? null : stats.tracesWithOrphans / stats.traces;
  const evidence: Evidence = {
    samples: stats.consumers,
    observed: linked ?? undefined,
    objective: `linked ${linkedObjective.source}, orphans ${orphanObjective.source}`,
    traceIds: stats.traceIds,
    details: { ...stats, traceIds: undefined, linkedShare: linked, orphanTraceShare: orphans },
  };
  const early = tooFew(a, stats.consumers, 'consumer spans', evidence);
  if (early || linked === null || orphans === null)
    return early ?? result(a, 'inconclusive', 'no traces', evidence);
  const linkedOk = meetsObjective(linked, linkedObjective);
  const orphansOk = meetsObjective(orphans, orphanObjective);
  const reason =
    `${stats.linkedConsumers} of ${stats.consumers} consumer spans have their producer parent in the same trace ` +
    `(${linked.toFixed(4)}, objective ${linkedObjective.source}${linkedOk ? '' : ' not met'}); ` +
    `${stats.tracesWithOrphans} of ${stats.traces} traces have orphan spans ` +
    `(${orphans.toFixed(4)}, objective ${orphanObjective.source}${orphansOk ? '' : ' not met'})`;
  return result(a, linkedOk && orphansOk ? 'pass' : 'fail', reason, evidence);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

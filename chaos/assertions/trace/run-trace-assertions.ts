import type { SpanStore } from '../../telemetry/span-store.js';
import type { CheckResult } from '../../verdict.js';
import { parseObjective } from './objective.js';
import {
  evaluateAllMatch,
  evaluatePropagation,
  evaluateScalar,
  evaluateStructure,
} from './evaluate-trace.js';
import { measureAllMatch, measureCount, measureDuration, measureRate } from './population-queries.js';
import { measurePropagation } from './propagation-query.js';
import { parseSelector } from './selector-parser.js';
import { measureStructure } from './structure-queries.js';
import type { TraceAssertion } from './trace-assertion.js';

/** Options of `runTraceAssertions`. */
export interface RunTraceOptions {
  /** Sample trace ids cited per result; default 5. */
  maxTraceIds?: number;
}

/**
 * Parses every selector and objective of an assertion; throws `ExpressionError` on the first
 * malformed one. The experiment loader calls this before a run starts.
 */
export function validateTraceAssertion(a: TraceAssertion): void {
  const selectors: string[] = [];
  const objectives: string[] = [];
  if ('select' in a) selectors.push(a.select);
  if (a.kind === 'rate') selectors.push(a.match);
  if (a.kind === 'every-trace') selectors.push(a.when, ...a.require);
  if (a.kind === 'no-trace') selectors.push(a.when, a.forbid);
  if ('objective' in a) objectives.push(a.objective);
  if (a.kind === 'propagation')
    objectives.push(...[a.linked, a.orphans].filter((o): o is string => o !== undefined));
  selectors.forEach(parseSelector);
  objectives.forEach(parseObjective);
}

/** Measures one assertion in the store (after flushing buffered spans) and judges it. */
export async function runTraceAssertion(
  store: SpanStore,
  a: TraceAssertion,
  options: RunTraceOptions = {},
): Promise<CheckResult> {
  validateTraceAssertion(a);
  await store.flush();
  const n = options.maxTraceIds ?? 5;
  switch (a.kind) {
    case 'count':
      return evaluateScalar(a, await measureCount(store, a, n));
    case 'rate':
      return evaluateScalar(a, await measureRate(store, a, n));
    case 'duration':
      return evaluateScalar(a, await measureDuration(store, a, n));
    case 'attribute':
    case 'status':
      return evaluateAllMatch(a, await measureAllMatch(store, a, n));
    case 'every-trace':
    case 'no-trace':
      return evaluateStructure(a, await measureStructure(store, a, n));
    case 'propagation':
      return evaluatePropagation(a, await measurePropagation(store, a, n));
  }
}

/** Runs assertions one after the other (DuckDB parallelises each query internally). */
export async function runTraceAssertions(
  store: SpanStore,
  assertions: readonly TraceAssertion[],
  options: RunTraceOptions = {},
): Promise<CheckResult[]> {
  await store.flush();
  const results: CheckResult[] = [];
  for (const a of assertions) results.push(await runTraceAssertion(store, a, options));
  return results;
}

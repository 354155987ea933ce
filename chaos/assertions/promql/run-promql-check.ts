import { FaultlineError } from '../../errors.js';
import type { CheckResult } from '../../verdict.js';
import { parseObjective } from './objective-parser.js';
import type { PrometheusClient } from './prometheus-client.js';
import type { PromqlCheck } from './promql-check.js';
import { evaluatePromql } from './promql-evaluator.js';
import { rangeStepMs } from './query-single-series.js';

/**
 * Runs one PromQL check against Prometheus and judges it. The objective is parsed before the
 * query is sent, so a malformed objective never costs a round trip.
 *
 * @throws ExpressionError (bad objective), `ERR_INPUT_PROMQL` (Prometheus rejected the query), or
 *   the client's infrastructure errors (`ERR_PROMETHEUS_*`).
 */
export async function runPromqlCheck(client: PrometheusClient, check: PromqlCheck): Promise<CheckResult> {
  parseObjective(check.objective);
  const { startMs: fromMs, endMs: toMs } = check.window;
  if (!(Number.isFinite(fromMs) && Number.isFinite(toMs) && fromMs <= toMs)) {
    throw new FaultlineError(
      'ERR_INPUT_PROMQL_WINDOW',
      `window ${check.window.name} must have startMs <= endMs (got ${fromMs}..${toMs})`,
    );
  }
  // Prometheus rounds query times to the nearest ms: query on whole ms inside the window, so that a
  // fractional window end cannot come back as a point just past it (and be judged "no data").
  const endMs = Math.floor(toMs);
  const startMs = Math.min(Math.ceil(fromMs), endMs);
  if ((check.mode ?? 'instant') === 'instant') {
    return evaluatePromql(check, await client.query(check.query, endMs));
  }
  const stepMs = rangeStepMs(startMs, endMs, check.stepMs);
  // Prometheus evaluates at start + k·step; align the start so the window's end is always evaluated.
  const alignedStartMs = endMs - Math.floor((endMs - startMs) / stepMs) * stepMs;
  return evaluatePromql(check, await client.queryRange(check.query, alignedStartMs, endMs, stepMs));
}

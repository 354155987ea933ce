import type { CheckResult } from '../../verdict.js';
import { parseObjective } from '../promql/objective-parser.js';
import type { PrometheusClient } from '../promql/prometheus-client.js';
import { querySingleSeries } from '../promql/query-single-series.js';
import { evaluateRecovery, type RecoveryCheck } from './recovery-evaluator.js';
import { parseRecoveryObjective } from './recovery-parser.js';

/** A recovery check whose SLI is a PromQL query returning one series. */
export interface PromqlRecoveryCheck extends Omit<RecoveryCheck, 'points'> {
  /** The SLI, e.g. `histogram_quantile(0.99, sum(rate(http_server_duration_bucket[10s])) by (le))`. */
  query: string;
  /** End of the observed data (the run's end), Unix ms. */
  endMs: number;
  /** Range-query resolution in ms; default 1 000. */
  stepMs?: number;
}

/**
 * Reads the SLI from fault removal to `endMs` and judges the recovery objective. Both objectives
 * are parsed before the query is sent.
 *
 * @throws ExpressionError, `ERR_INPUT_PROMQL*`, or the client's `ERR_PROMETHEUS_*` errors.
 */
export async function runRecoveryCheck(
  client: PrometheusClient,
  check: PromqlRecoveryCheck,
): Promise<CheckResult> {
  parseObjective(check.sliObjective);
  parseRecoveryObjective(check.recovery);
  const points =
    check.endMs < check.removedAtMs
      ? []
      : await querySingleSeries(client, check.query, check.removedAtMs, check.endMs, check.stepMs);
  const { query: _query, endMs: _endMs, stepMs: _stepMs, ...rest } = check;
  return evaluateRecovery({ ...rest, points });
}

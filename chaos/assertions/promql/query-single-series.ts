import { FaultlineError } from '../../errors.js';
import type { SeriesPoint } from '../recovery/series-point.js';
import type { PrometheusClient } from './prometheus-client.js';
import { formatSeries } from './prom-series.js';

// Prometheus refuses range queries of more than 11 000 points per series.
const MAX_POINTS = 11_000;

/** The resolution for a range query over [startMs, endMs]: at least `stepMs`, at most 11 000 points. */
export function rangeStepMs(startMs: number, endMs: number, stepMs = 1000): number {
  return Math.max(stepMs, Math.ceil((endMs - startMs) / MAX_POINTS));
}

/**
 * Range query for an SLI that must be ONE series (aggregate it with `sum`, `max`... in PromQL).
 * The start is aligned so that `endMs` itself is evaluated. No series → no points.
 *
 * @throws FaultlineError `ERR_INPUT_PROMQL_SERIES` when the query returns several series.
 */
export async function querySingleSeries(
  client: PrometheusClient,
  query: string,
  startMs: number,
  endMs: number,
  stepMs = 1000,
): Promise<SeriesPoint[]> {
  const step = rangeStepMs(startMs, endMs, stepMs);
  const alignedStartMs = endMs - Math.floor((endMs - startMs) / step) * step;
  const series = await client.queryRange(query, alignedStartMs, endMs, step);
  if (series.length > 1) {
    const names = series.slice(0, 3).map((s) => formatSeries(s.labels));
    throw new FaultlineError(
      'ERR_INPUT_PROMQL_SERIES',
      `\`${query}\` returned ${series.length} series (${names.join(', ')}...); an SLI must be one series, aggregate it`,
    );
  }
  return series[0]?.points ?? [];
}

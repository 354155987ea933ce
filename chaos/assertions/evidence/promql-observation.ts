import type { PhaseWindow } from '../promql/promql-check.js';
import type { PrometheusClient } from '../promql/prometheus-client.js';
import { querySingleSeries } from '../promql/query-single-series.js';
import type { EvidenceObservation } from './fault-evidence.js';

/**
 * Measures an evidence query (one series, e.g. p50 latency across a link, or a retry count) as the
 * mean of its finite points in the baseline window and in the fault window; `*Samples` are the
 * numbers of points. A window without points leaves its value out (→ inconclusive evidence).
 */
export async function observeWithPromql(
  client: PrometheusClient,
  query: string,
  baseline: PhaseWindow | undefined,
  fault: PhaseWindow,
  stepMs = 1000,
): Promise<EvidenceObservation> {
  const measure = async (w: PhaseWindow): Promise<{ value?: number; samples: number }> => {
    const values = (await querySingleSeries(client, query, w.startMs, w.endMs, stepMs))
      .map((p) => p.value)
      .filter(Number.isFinite);
    if (values.length === 0) return { samples: 0 };
    return { value: values.reduce((a, b) => a + b, 0) / values.length, samples: values.length };
  };
  const during = await measure(fault);
  const before = baseline === undefined ? undefined : await measure(baseline);
  return {
    ...(during.value === undefined ? {} : { fault: during.value }),
    faultSamples: during.samples,
    ...(before?.value === undefined ? {} : { baseline: before.value }),
    ...(before === undefined ? {} : { baselineSamples: before.samples }),
  };
}

import type { BuiltinSummary } from '../../load/engine/run-load.js';
import type { LoadPoint } from '../report/journal.js';

/** The journal's per-second load points from the built-in engine's series. Pure. */
export function loadSeriesOf(summary: BuiltinSummary): LoadPoint[] {
  return summary.faultline.timeSeries.map((s) => ({
    tMs: s.second * 1000,
    rps: s.reqs,
    p50Ms: s.reqs > 0 ? s.p50Ms : null,
    p95Ms: null,
    p99Ms: s.reqs > 0 ? s.p99Ms : null,
    errorRate: s.reqs > 0 ? s.failed / s.reqs : 0,
  }));
}

import { LiveRunTrace, type RunTraceTargets } from './live-run-trace.js';
import type { PlannedSpan } from './run-spans.js';

export type { RunTraceTargets } from './live-run-trace.js';

/**
 * Emits every planned span (see run-spans.ts) at once through a tracer provider local to this
 * call and flushes them to every endpoint: the whole trace of a run that is over. A run in
 * progress sends its spans as they end (`LiveRunTrace`). Never throws: telemetry must not break
 * a run. Returns one problem line per endpoint the spans could not be delivered to.
 */
export async function exportRunSpans(
  planned: readonly PlannedSpan[],
  targets: RunTraceTargets,
): Promise<string[]> {
  return LiveRunTrace.start(targets).finish(planned);
}

import { describeError } from '../errors.js';
import type { FaultWindow, TraceWaterfall } from '../report/journal.js';
import type { RunEnvironment } from './environment.js';
import { faultAnnotations, postAnnotations, type GrafanaTarget } from './grafana-annotations.js';
import { LiveRunTrace } from './live-run-trace.js';
import { endedRunSpans, planRunSpans, type LiveRunSpanInput, type RunSpanInput } from './run-spans.js';
import { pickTraceWaterfalls } from './trace-waterfalls.js';

/** Where a run's own telemetry goes besides its receiver. */
export interface RunTelemetryOptions {
  /** An extra OTLP/HTTP endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT`) for the runner's spans. */
  otlpEndpoint?: string;
  /** Grafana to annotate with the fault windows. */
  grafana?: GrafanaTarget;
  /** Slowest and failed traces kept per list in the journal; default 5. */
  waterfallsPerList?: number;
}

/** The runner's trace while the run goes on. */
export interface RunTrace {
  live: LiveRunTrace;
  /** Called once the timeline is anchored (epoch ms): from then on, ended spans are sent every second. */
  timelineStarted: (t0: number) => void;
  /** Stops the periodic sending (the rest goes out in `finishRunTelemetry`). */
  stop: () => void;
}

/** Where the runner's spans go: the run's receiver, and `otlpEndpoint` when set. */
export function runTraceEndpoints(env: RunEnvironment, options: RunTelemetryOptions): string[] {
  return [env.collector.url, ...(options.otlpEndpoint ? [options.otlpEndpoint] : [])];
}

/**
 * Starts the runner's own trace for a run whose environment is up: its spans go to `endpoints`
 * as they end (checked every second), so a controller killed mid-run leaves them behind at the
 * endpoints. `phases` are the planned phases; `faults` is the live list of fault windows.
 */
export function startRunTrace(endpoints: readonly string[], run: Omit<LiveRunSpanInput, 't0'>): RunTrace {
  const live = LiveRunTrace.start({ endpoints });
  let t0: number | undefined;
  const send = (): void => {
    if (t0 !== undefined) live.send(endedRunSpans({ ...run, t0 }, Date.now()));
  };
  const timer = setInterval(send, 1000);
  timer.unref();
  return {
    live,
    timelineStarted: (start) => {
      t0 = start;
      send();
    },
    stop: () => clearInterval(timer),
  };
}

/**
 * Everything a run reports about itself once its timeline and checks are done; none of it can
 * fail the run (each problem is one warning line):
 * - the slowest and failed traces of the fleet, and those of `violatingOrderIds` (orders that
 *   broke an invariant), as waterfalls for the journal;
 * - the rest of the runner's own spans (experiment → environment, phases, faults, checks): those
 *   not sent yet by `trace` (the checks, the root), or all of them without one, go to the run's
 *   receiver (so they are in its store and its Parquet) and to `otlpEndpoint`;
 * - Grafana annotations of the fault windows.
 */
export async function finishRunTelemetry(
  env: RunEnvironment,
  run: RunSpanInput,
  options: RunTelemetryOptions,
  log: (line: string) => void,
  violatingOrderIds: readonly string[] = [],
  trace?: RunTrace,
): Promise<TraceWaterfall[]> {
  const timelineEnd = run.t0 + Math.max(0, ...run.phases.map((p) => p.endMs));
  let traces: TraceWaterfall[] = [];
  try {
    traces = await pickTraceWaterfalls(env.collector.store, {
      fromMs: run.t0,
      toMs: timelineEnd,
      perList: options.waterfallsPerList ?? 5,
      orderIds: violatingOrderIds,
    });
  } catch (err) {
    log(`warning: no trace waterfalls: ${describeError(err)}`);
  }
  trace?.stop();
  const live =
    trace?.live ??
    LiveRunTrace.start({
      endpoints: [env.collector.url, ...(options.otlpEndpoint ? [options.otlpEndpoint] : [])],
    });
  for (const problem of await live.finish(planRunSpans(run)))
    log(`warning: the runner's spans were not exported to ${problem}`);
  if (options.grafana !== undefined)
    await annotate(options.grafana, run.runId, run.t0, run.faults, run.endMs, log);
  return traces;
}

async function annotate(
  grafana: GrafanaTarget,
  runId: string,
  t0: number,
  faults: readonly FaultWindow[],
  endMs: number,
  log: (line: string) => void,
): Promise<void> {
  const annotations = faultAnnotations(runId, t0, faults, endMs);
  const warnings = await postAnnotations(grafana, annotations);
  for (const w of warnings) log(`warning: Grafana ${w}`);
  log(`grafana: ${annotations.length - warnings.length} of ${annotations.length} annotation(s) posted`);
}

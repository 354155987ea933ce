import type { Writable } from 'node:stream';
import { JOURNEY_REGISTRY } from '../journeys/registry.js';
import type { JourneyContext } from '../journeys/journey.js';
import { durationMs } from '../profiles/duration.js';
import { phaseTimeline, type PhaseWindow } from '../profiles/phase-timeline.js';
import type { LoadProfile, PhaseProfile } from '../profiles/profile.js';
import { AbortFanout } from './abort-fanout.js';
import { systemClock, type Clock } from './clock.js';
import { runExecutor } from './executors/registry.js';
import { createHttpClient } from './http-client.js';
import { IterationBudget } from './iteration-budget.js';
import { buildK6Summary, type K6SummaryData } from './metrics/k6-summary.js';
import { MetricsRegistry } from './metrics/metrics-registry.js';
import { TimeSeries, type SecondSample } from './metrics/time-series.js';
import { snapshotFrom, startProgress } from './progress-line.js';
import { pooledRandomHex } from './random-hex.js';
import { runIteration, type IterationEnv } from './run-iteration.js';

/** Inputs of one built-in engine run. The profile must already be validated. */
export interface RunLoadOptions {
  profile: LoadProfile;
  /** Loopback only (127.0.0.0/8, localhost, [::1]); e.g. `http://127.0.0.1:8080`. */
  baseUrl: string;
  apiKey: string;
  /** Goes into every request's `baggage` as `faultline.run_id`. */
  runId: string;
  /** Stops the run cleanly (in-flight requests are aborted, the summary still returns). */
  signal?: AbortSignal;
  clock?: Clock;
  /** Live progress line; written only when `isTTY`. */
  progress?: { stream: Writable; isTTY: boolean };
  journeyOptions?: Partial<
    Pick<JourneyContext, 'pollIntervalMs' | 'statusWaitMs' | 'orderDeadlineMs' | 'random'>
  >;
  /**
   * Called once at start with a reader of the live metrics: a k6-shaped summary of everything
   * measured so far (threshold guards evaluate it while the run goes on).
   */
  onLive?: (read: () => K6SummaryData) => void;
}

/** Faultline's additions next to the k6-shaped summary (absent in real k6 output). */
export interface FaultlineSummaryExtras {
  /** Which engine produced the summary (a k6 run's samples are aggregated the same way). */
  engine: 'builtin' | 'k6';
  runId: string;
  profile: string;
  interrupted: boolean;
  phases: PhaseWindow[];
  timeSeries: SecondSample[];
  /** k6 only: epoch ms when its first phase started (second 0 of `timeSeries`). */
  startedEpochMs?: number;
}

export type BuiltinSummary = K6SummaryData & { faultline: FaultlineSummaryExtras };

/** Runs a profile's phases back to back against `baseUrl` with the built-in open-model engine. */
export async function runLoad(options: RunLoadOptions): Promise<BuiltinSummary> {
  const clock = options.clock ?? systemClock;
  const signal = options.signal ?? new AbortController().signal;
  const { profile } = options;
  const http = createHttpClient(options.baseUrl, maxConnections(profile));
  const state = {
    metrics: new MetricsRegistry(),
    series: new TimeSeries(),
    phase: '',
    inFlight: 0,
    dropped: 0,
  };
  const runStartMs = clock.nowMs();
  const progress = startProgress(
    options.progress?.stream ?? nullStream,
    options.progress?.isTTY ?? false,
    () =>
      snapshotFrom(state.series.samples(), {
        elapsedMs: clock.nowMs() - runStartMs,
        phase: state.phase,
        inFlight: state.inFlight,
        errors: failedRequests(state.metrics),
        dropped: state.dropped,
      }),
  );
  options.onLive?.(() => buildK6Summary(state.metrics, clock.nowMs() - runStartMs));
  const budget = new IterationBudget(profile.maxIterations);
  const randomHex = pooledRandomHex();
  try {
    for (const phase of profile.phases) {
      if (signal.aborted || budget.exhausted) break;
      state.phase = phase.phase;
      const env = envFactory(options, phase.phase, { http, clock, runStartMs, randomHex, ...state });
      await runPhase(phase, { clock, signal, budget, profile, env, state, runStartMs });
    }
  } finally {
    progress.stop();
    await http.close();
  }
  const summary = buildK6Summary(state.metrics, clock.nowMs() - runStartMs);
  const faultline: FaultlineSummaryExtras = {
    engine: 'builtin',
    runId: options.runId,
    profile: profile.name,
    interrupted: signal.aborted,
    phases: phaseTimeline(profile),
    timeSeries: state.series.samples(),
  };
  return { ...summary, faultline };
}

type SharedEnv = Pick<IterationEnv, 'http' | 'clock' | 'runStartMs' | 'randomHex' | 'metrics' | 'series'>;

/** Builds each iteration's env; iterations sharing a signal share one abort fan-out. */
function envFactory(
  options: RunLoadOptions,
  phase: string,
  shared: SharedEnv,
): (s: AbortSignal) => IterationEnv {
  const fanouts = new WeakMap<AbortSignal, AbortFanout>();
  const journeyName = options.profile.journey;
  const journeyContext: JourneyContext = {
    apiKey: options.apiKey,
    random: Math.random,
    ...options.journeyOptions,
  };
  return (s) => {
    let abort = fanouts.get(s);
    if (!abort) fanouts.set(s, (abort = new AbortFanout(s)));
    const { http, clock, runStartMs, randomHex, metrics, series } = shared;
    return {
      http,
      clock,
      runStartMs,
      randomHex,
      metrics,
      series,
      abort,
      phase,
      journeyName,
      journeyContext,
      runId: options.runId,
      journey: JOURNEY_REGISTRY[journeyName],
    };
  };
}

interface PhaseRun {
  clock: Clock;
  signal: AbortSignal;
  budget: IterationBudget;
  profile: LoadProfile;
  runStartMs: number;
  env: (signal: AbortSignal) => IterationEnv;
  state: { metrics: MetricsRegistry; series: TimeSeries; inFlight: number; dropped: number };
}

async function runPhase(phase: PhaseProfile, run: PhaseRun): Promise<void> {
  const { state, clock } = run;
  const tags = { phase: phase.phase };
  state.metrics.count('dropped_iterations', 0, tags);
  await runExecutor(phase.executor, {
    clock,
    signal: run.signal,
    budget: run.budget,
    gracefulStopMs: durationMs(run.profile.gracefulStop ?? '5s'),
    startIteration: (s) => runIteration(run.env(s)),
    onDropped() {
      state.dropped++;
      state.metrics.count('dropped_iterations', 1, tags);
      state.series.dropped(clock.nowMs() - run.runStartMs, phase.phase);
    },
    onVus(busy, allocated) {
      state.inFlight = busy;
      state.metrics.gauge('vus', busy, {});
      state.metrics.gauge('vus_max', allocated, {});
      state.series.inFlight(clock.nowMs() - run.runStartMs, phase.phase, busy);
    },
  });
}

function maxConnections(profile: LoadProfile): number {
  return Math.max(
    1,
    ...profile.phases.map((p) =>
      p.executor.executor === 'constant-vus'
        ? p.executor.vus
        : (p.executor.maxVUs ?? p.executor.preAllocatedVUs),
    ),
  );
}

function failedRequests(metrics: MetricsRegistry): number {
  return metrics
    .seriesOf('http_req_failed')
    .reduce((n, s) => n + (s.value.type === 'rate' ? s.value.passes : 0), 0);
}

const nullStream = { write: () => true } as unknown as Writable;

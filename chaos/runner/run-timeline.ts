import { Writable } from 'node:stream';
import type { LoadRunOutcome } from '../../load/drivers/load-driver.js';
import type { BuiltinSummary } from '../../load/engine/run-load.js';
import type { K6SummaryData } from '../../load/engine/metrics/k6-summary.js';
import { createPrometheusClient } from '../assertions/promql/prometheus-client.js';
import { describeError } from '../errors.js';
import type { ResolvedPlan } from '../experiment/plan.js';
import type { FaultSession } from '../faults/index.js';
import type { FaultWindow, GuardEvent, LoadPoint, PhaseRecord } from '../report/journal.js';
import type { CheckResult } from '../verdict.js';
import { runApiKey, type RunEnvironment } from './environment.js';
import { removeRecorded, runFaultTimeline } from './fault-timeline.js';
import { startGuards } from './guards.js';
import { builtinRunLoad, type RunLoad } from './load-engine.js';
import { emptyLoadSummary, startLoad } from './load-engine-start.js';
import { loadProfileOf } from './load-profile.js';
import { loadSeriesOf } from './load-series.js';
import { progressLine } from './progress-text.js';

/** Inputs of {@link runTimeline}. */
export interface TimelineOptions {
  plan: ResolvedPlan;
  env: RunEnvironment;
  session: FaultSession;
  runId: string;
  /** Filled as faults are applied and removed. */
  windows: FaultWindow[];
  signal: AbortSignal;
  log: (line: string) => void;
  progress: (line: string) => void;
  /** The load engine (default: the built-in one). */
  load?: RunLoad;
  /** How long the engine may take to start its first phase (default {@link LOAD_START_LIMIT_MS}). */
  loadStartLimitMs?: number;
  /** Called once with `t0` (epoch ms) when the timeline is anchored (the runner's live trace). */
  onTimelineStart?: (t0: number) => void;
}

/**
 * How long a load engine may take from launch to its first phase before the run gives up on it
 * (k6 usually takes 1 to 2 s; a k6 stuck in its init code or on a lock would hang the run).
 */
export const LOAD_START_LIMIT_MS = 60_000;

/** What the timeline produced. Offsets are ms since `t0`. */
export interface TimelineResult {
  /** Epoch ms the first load phase started: the timeline (faults, guards, phases) is anchored here. */
  t0: number;
  engine: 'builtin' | 'k6';
  /** How long the engine took from launch to its first phase (k6 start-up), ms. */
  loadStartOffsetMs: number;
  phases: PhaseRecord[];
  summary: BuiltinSummary;
  series: LoadPoint[];
  /** Thresholds k6 itself reported crossed (none under the built-in engine). */
  k6ThresholdFailures: LoadRunOutcome['k6ThresholdFailures'];
  guardEvents: GuardEvent[];
  guardChecks: CheckResult[];
  /** True when a guard aborted inject. */
  aborted: boolean;
  /** Set when the load engine failed (k6 died, could not start, ...): the run is an environment failure. */
  loadError?: string;
}

/**
 * Runs warm-up → baseline → inject → recover under load, with the faults on schedule and the
 * guards live during inject. The load starts first and the timeline is anchored on its first
 * phase (k6 takes seconds to start), so fault windows and phases line up with the load's phases.
 * A guard abort removes every fault at once and the run moves on to recover; an interrupt or a
 * load failure stops load and faults at once. On every path, every applied fault is removed, the
 * guards and the progress ticker are stopped, and the load has ended before it returns.
 */
export async function runTimeline(o: TimelineOptions): Promise<TimelineResult> {
  const { plan, session, windows } = o;
  const engine = o.load ?? builtinRunLoad;
  const stopFaults = new AbortController();
  const loadStop = new AbortController();
  const onInterrupt = (): void => {
    stopFaults.abort();
    loadStop.abort();
  };
  o.signal.addEventListener('abort', onInterrupt, { once: true });
  if (o.signal.aborted) onInterrupt();
  let lastLoadLine = '';
  const tap = new Writable({
    write(chunk: Buffer, _enc, done) {
      const text = stripTerminalCodes(chunk.toString());
      if (text) lastLoadLine = text;
      done();
    },
  });
  let readLoad: (() => K6SummaryData) | undefined;
  const launchMs = Date.now();
  const load = startLoad(engine, {
    profile: loadProfileOf(plan, o.runId),
    baseUrl: o.env.gatewayUrl,
    apiKey: runApiKey(),
    runId: o.runId,
    onLive: (read) => (readLoad = read),
    onOutput: (line) => o.log(line),
    signal: loadStop.signal,
    progress: { stream: tap, isTTY: true },
  });
  // A load failure stops the faults at once (and is reported once the load has ended).
  void load.ended.then((r) => {
    if ('error' in r) stopFaults.abort();
  });
  const startLimitMs = o.loadStartLimitMs ?? engine.startLimitMs ?? LOAD_START_LIMIT_MS;
  let startTimedOut = false;
  const t0 = await load.started(o.signal, startLimitMs, () => {
    startTimedOut = true;
    o.log(
      `load engine ${engine.engine} did not start its first phase within ${startLimitMs / 1000} s: stopping it`,
    );
    stopFaults.abort();
    loadStop.abort();
  });
  o.onTimelineStart?.(t0);
  const loadStartOffsetMs = Math.round(t0 - launchMs);
  if (engine.engine !== 'builtin')
    o.log(`k6 started its first phase ${loadStartOffsetMs} ms after launch; timeline anchored there`);
  let abortedBy: string | undefined;
  const inject = plan.phases.find((p) => p.name === 'inject');
  const sources = {
    store: o.env.collector.store,
    loadSummary: () => readLoad?.() ?? { metrics: {} },
    prometheus: createPrometheusClient({ baseUrl: o.env.prometheus.url }),
  };
  const guards = startGuards(plan, sources, t0, inject?.startMs ?? 0, (guard) => {
    abortedBy ??= guard;
    o.log(`guard ${guard} tripped: aborting inject and removing every fault`);
    stopFaults.abort();
    void session.removeAll();
  });
  const ticker = setInterval(() => {
    o.progress(progressLine(plan, Date.now() - t0, lastLoadLine, session.activeFaults().length));
  }, 1000);
  let applied = new Map<string, string>();
  let guardChecks: CheckResult[] = [];
  let ended: Awaited<typeof load.ended>;
  try {
    applied = await runFaultTimeline(plan.faults, session, t0, stopFaults.signal, windows, o.log);
  } catch (err) {
    loadStop.abort();
    throw err;
  } finally {
    for (const [name, id] of applied) await removeRecorded(session, id, name, t0, windows, o.log);
    ended = await load.ended;
    clearInterval(ticker);
    guardChecks = guards.stop();
    o.signal.removeEventListener('abort', onInterrupt);
  }
  const endMs = Date.now() - t0;
  // k6-operator runs k6: the journal and the summary name the load tool, not where it ran.
  const tool: 'builtin' | 'k6' = engine.engine === 'builtin' ? 'builtin' : 'k6';
  const base = {
    t0,
    engine: tool,
    loadStartOffsetMs,
    phases: phaseRecords(plan, endMs),
    guardEvents: guards.events,
    guardChecks,
    aborted: abortedBy !== undefined,
  };
  if (startTimedOut && !('error' in ended))
    ended = {
      error: new Error(`${engine.engine} did not start its first phase within ${startLimitMs / 1000} s`),
    };
  if ('error' in ended) {
    o.log(`load engine ${engine.engine} failed: ${describeError(ended.error)}`);
    const summary = emptyLoadSummary(tool, o.runId, readLoad?.(), loadStop.signal.aborted);
    return { ...base, summary, series: [], k6ThresholdFailures: [], loadError: describeError(ended.error) };
  }
  const { outcome } = ended;
  return {
    ...base,
    summary: outcome.summary,
    series: loadSeriesOf(outcome.summary),
    k6ThresholdFailures: outcome.k6ThresholdFailures,
  };
}

/** The phases as they ran: planned offsets, cut at the real end (an interrupt ends early). */
function phaseRecords(plan: ResolvedPlan, endMs: number): PhaseRecord[] {
  return plan.phases
    .filter((p) => p.startMs < endMs)
    .map((p) => ({ name: p.name, startMs: p.startMs, endMs: Math.min(p.endMs, endMs) }));
}

const ESC = String.fromCharCode(27);
const TERMINAL_CODES = new RegExp(`${ESC}\\[[0-9;]*[A-Za-z]|\\r|\\n`, 'g');

/** The load engine's TTY line without cursor controls. */
function stripTerminalCodes(text: string): string {
  return text.replace(TERMINAL_CODES, '').trim();
}

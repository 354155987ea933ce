import { Writable } from 'node:stream';
import { createPrometheusClient } from '../assertions/promql/prometheus-client.js';
import type { K6Summary } from '../assertions/threshold/k6-summary.js';
import type { ResolvedPlan } from '../experiment/plan.js';
import type { FaultSession } from '../faults/index.js';
import type { FaultWindow, GuardEvent, LoadPoint, PhaseRecord } from '../report/journal.js';
import type { CheckResult } from '../verdict.js';
import type { BuiltinSummary } from '../../load/engine/run-load.js';
import { runApiKey, type RunEnvironment } from './environment.js';
import { removeRecorded, runFaultTimeline } from './fault-timeline.js';
import { startGuards } from './guards.js';
import { builtinRunLoad, type RunLoad } from './load-engine.js';
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
}

/** What the timeline produced. Offsets are ms since `t0`. */
export interface TimelineResult {
  t0: number;
  phases: PhaseRecord[];
  summary: BuiltinSummary;
  series: LoadPoint[];
  guardEvents: GuardEvent[];
  guardChecks: CheckResult[];
  /** True when a guard aborted inject. */
  aborted: boolean;
}

/**
 * Runs warm-up → baseline → inject → recover under load, with the faults on schedule and the
 * guards live during inject. A guard abort removes every fault at once and the run moves on to
 * recover; an interrupt stops load and faults at once. Every applied fault is removed before it
 * returns (or throws).
 */
export async function runTimeline(o: TimelineOptions): Promise<TimelineResult> {
  const { plan, session, windows } = o;
  const inject = plan.phases.find((p) => p.name === 'inject');
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
  const t0 = Date.now();
  let abortedBy: string | undefined;
  let readLoad: (() => K6Summary) | undefined;
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
    const nowMs = Date.now() - t0;
    o.progress(progressLine(plan, nowMs, lastLoadLine, session.activeFaults().length));
  }, 1000);
  const load = (o.load ?? builtinRunLoad).run({
    profile: loadProfileOf(plan, o.runId),
    baseUrl: o.env.gatewayUrl,
    apiKey: runApiKey(),
    runId: o.runId,
    onLive: (read) => (readLoad = read),
    signal: loadStop.signal,
    progress: { stream: tap, isTTY: true },
  });
  let applied = new Map<string, string>();
  try {
    applied = await runFaultTimeline(plan.faults, session, t0, stopFaults.signal, windows, o.log);
  } finally {
    for (const [name, id] of applied) await removeRecorded(session, id, name, t0, windows, o.log);
  }
  const summary = await load.finally(() => {
    clearInterval(ticker);
    o.signal.removeEventListener('abort', onInterrupt);
  });
  const endMs = Date.now() - t0;
  return {
    t0,
    phases: phaseRecords(plan, endMs),
    summary,
    series: loadSeriesOf(summary),
    guardEvents: guards.events,
    guardChecks: guards.stop(),
    aborted: abortedBy !== undefined,
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

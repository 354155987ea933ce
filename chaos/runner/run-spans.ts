import type { FaultWindow, GuardEvent, PhaseRecord, RunStatus } from '../report/journal.js';

/**
 * The runner's own trace, planned from what the run recorded (pure):
 *
 *   experiment ─┬─ environment        (run start → timeline start)
 *               ├─ phase warmup │ phase baseline │ phase inject │ phase recover
 *               ├─ fault <kind>       (one per fault window: apply → remove)
 *               └─ checks             (evaluation, when the run was not interrupted)
 *
 * Span names are low-cardinality; the specifics are `chaos.*` attributes (RUN_SPAN_ATTRIBUTES).
 */

/** Attribute names of the runner's spans (one list, so they stay consistent). */
export const RUN_SPAN_ATTRIBUTES = {
  runId: 'chaos.run.id',
  status: 'chaos.run.status',
  verdict: 'chaos.run.verdict',
  experiment: 'chaos.experiment.title',
  experimentFile: 'chaos.experiment.file',
  phase: 'chaos.phase',
  faultName: 'chaos.fault.name',
  faultKind: 'chaos.fault.kind',
  faultTarget: 'chaos.fault.target',
  guard: 'chaos.guard.name',
} as const;

/** The service name the runner's spans carry (`service.name`). */
export const RUNNER_SERVICE_NAME = 'faultline';

export type SpanAttributes = Record<string, string | number | boolean>;

/** One span to emit. Times are epoch ms; `parent` is the index of the parent in the list. */
export interface PlannedSpan {
  name: string;
  startMs: number;
  endMs: number;
  parent?: number;
  attributes: SpanAttributes;
  /** A real failure (a fault that could not be applied or removed); outcomes are attributes. */
  error?: string;
  events?: { name: string; atMs: number; attributes: SpanAttributes }[];
}

/** What one run recorded, for {@link planRunSpans}. Offsets are ms since `t0`. */
export interface RunSpanInput {
  runId: string;
  title: string;
  file: string;
  status: RunStatus;
  verdict?: string;
  /** Epoch ms: run start, timeline start, checks start, run end. */
  startedMs: number;
  t0: number;
  checksStartMs?: number;
  endMs: number;
  phases: readonly PhaseRecord[];
  faults: readonly FaultWindow[];
  guardEvents: readonly GuardEvent[];
}

/** The experiment span first, then its children. */
export function planRunSpans(r: RunSpanInput): PlannedSpan[] {
  const A = RUN_SPAN_ATTRIBUTES;
  const root: PlannedSpan = {
    name: 'experiment',
    startMs: r.startedMs,
    endMs: r.endMs,
    attributes: {
      [A.runId]: r.runId,
      [A.experiment]: r.title,
      [A.experimentFile]: r.file,
      [A.status]: r.status,
      ...(r.verdict === undefined ? {} : { [A.verdict]: r.verdict }),
    },
    events: r.guardEvents
      .filter((g) => g.type === 'abort')
      .map((g) => ({ name: 'guard abort', atMs: r.t0 + g.atMs, attributes: { [A.guard]: g.guard } })),
  };
  const spans: PlannedSpan[] = [root];
  const child = (s: Omit<PlannedSpan, 'parent'>): void => {
    spans.push({ ...s, parent: 0, attributes: { [A.runId]: r.runId, ...s.attributes } });
  };
  child({ name: 'environment', startMs: r.startedMs, endMs: r.t0, attributes: {} });
  for (const p of r.phases)
    child({
      name: `phase ${p.name}`,
      startMs: r.t0 + p.startMs,
      endMs: r.t0 + p.endMs,
      attributes: { [A.phase]: p.name },
    });
  const timelineEnd = r.t0 + Math.max(0, ...r.phases.map((p) => p.endMs));
  for (const f of r.faults)
    child({
      name: `fault ${f.kind}`,
      startMs: r.t0 + f.appliedMs,
      endMs: f.removedMs === undefined ? Math.max(timelineEnd, r.t0 + f.appliedMs) : r.t0 + f.removedMs,
      attributes: { [A.faultName]: f.name, [A.faultKind]: f.kind, [A.faultTarget]: f.target },
      ...(f.errors.length > 0 ? { error: f.errors.join('; ') } : {}),
    });
  if (r.checksStartMs !== undefined)
    child({ name: 'checks', startMs: r.checksStartMs, endMs: r.endMs, attributes: {} });
  return spans;
}

/** What a run in progress knows: no status, checks or end yet. */
export type LiveRunSpanInput = Pick<
  RunSpanInput,
  'runId' | 'title' | 'file' | 'startedMs' | 't0' | 'phases' | 'faults'
>;

/**
 * The children of the plan that have ended by `nowMs` while the run goes on (index 0 is a
 * placeholder root): the environment once the timeline started, each phase past its planned end,
 * each fault once removed. Each is planned exactly as the final plan will plan it, so it is sent once.
 */
export function endedRunSpans(r: LiveRunSpanInput, nowMs: number): PlannedSpan[] {
  return planRunSpans({
    runId: r.runId,
    title: r.title,
    file: r.file,
    startedMs: r.startedMs,
    t0: r.t0,
    status: 'completed',
    endMs: nowMs,
    guardEvents: [],
    phases: r.phases.filter((p) => r.t0 + p.endMs <= nowMs),
    faults: r.faults.filter((f) => f.removedMs !== undefined),
  });
}

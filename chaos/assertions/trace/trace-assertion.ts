import type { StatusCodeName } from '../../telemetry/span-row.js';
import type { TimeWindow } from './selector-sql.js';

/** Every trace assertion kind; one evaluator each. */
export const TRACE_ASSERTION_KINDS = [
  'count',
  'rate',
  'duration',
  'attribute',
  'status',
  'every-trace',
  'no-trace',
  'propagation',
] as const;
export type TraceAssertionKind = (typeof TRACE_ASSERTION_KINDS)[number];

/** Duration statistics over the selected spans, in milliseconds. */
export const DURATION_STATS = ['p50', 'p90', 'p95', 'p99', 'max', 'avg'] as const;
export type DurationStat = (typeof DURATION_STATS)[number];

interface Base {
  /** Stable id, reported in the CheckResult. */
  id: string;
  /** Human title; defaults to a description built from the assertion. */
  title?: string;
  /** Restricts the selected (or triggering) spans by start time, e.g. to one phase. */
  window?: TimeWindow;
  /** Fewer samples than this is `inconclusive`; default 1 (20 for `duration`). */
  minSamples?: number;
}

/** Number of spans matching `select`; inconclusive when the window holds no spans at all. */
export interface CountAssertion extends Base {
  kind: 'count';
  select: string;
  /** e.g. `> 0`, `== 0`. */
  objective: string;
}

/** Share (0..1) of the spans matching `select` that also match `match`. */
export interface RateAssertion extends Base {
  kind: 'rate';
  select: string;
  match: string;
  objective: string;
}

/** A duration statistic (ms) of the spans matching `select`. */
export interface DurationAssertion extends Base {
  kind: 'duration';
  select: string;
  stat: DurationStat;
  objective: string;
}

/** Every span matching `select` has attribute `key` with one of `allowed` (compared as text). */
export interface AttributeAssertion extends Base {
  kind: 'attribute';
  select: string;
  key: string;
  allowed: readonly (string | number | boolean)[];
}

/** Every span matching `select` has one of the `allowed` status codes. */
export interface StatusAssertion extends Base {
  kind: 'status';
  select: string;
  allowed: readonly StatusCodeName[];
}

/**
 * Every trace containing a `when` span also contains a span for each of `require`; with `after`
 * (default true) each required span starts at or after the first `when` span's start.
 */
export interface EveryTraceAssertion extends Base {
  kind: 'every-trace';
  when: string;
  require: readonly string[];
  after?: boolean;
}

/** No trace containing a `when` span contains a `forbid` span. */
export interface NoTraceAssertion extends Base {
  kind: 'no-trace';
  when: string;
  forbid: string;
}

/**
 * Context propagation: the share of CONSUMER spans whose parent is a PRODUCER span of the same
 * trace (`linked`, default `>= 0.99`) and the share of traces holding a span whose parent is
 * missing (`orphans`, default `<= 0.01`). A trace's entry — one SERVER span with an absent parent
 * in a trace with no root, as when the load generator sends a `traceparent` but exports no span —
 * is not an orphan.
 */
export interface PropagationAssertion extends Base {
  kind: 'propagation';
  linked?: string;
  orphans?: string;
}

export type TraceAssertion =
  | CountAssertion
  | RateAssertion
  | DurationAssertion
  | AttributeAssertion
  | StatusAssertion
  | EveryTraceAssertion
  | NoTraceAssertion
  | PropagationAssertion;

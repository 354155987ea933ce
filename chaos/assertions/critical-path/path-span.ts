/**
 * What the critical-path analysis needs to know about one span, and what it finds in one trace.
 * Times are milliseconds on any common origin (the store reader uses the trace's first start).
 */

/**
 * The part a span plays, which decides how its own time on the critical path is classified:
 * `database` (a database client call), `client` (an outbound call: HTTP client, or a publish
 * waiting for the broker's confirm), `producer`, `consumer`, or `work` (server, internal).
 */
export const SPAN_ROLES = ['work', 'client', 'database', 'producer', 'consumer'] as const;
export type SpanRole = (typeof SPAN_ROLES)[number];

/** One span of a trace as the analysis reads it. */
export interface PathSpan {
  /** Unique within its trace. */
  id: number;
  /** The parent's id; undefined for a root. */
  parentId?: number | undefined;
  service: string;
  name: string;
  role: SpanRole;
  startMs: number;
  endMs: number;
}

/**
 * Segment kinds of the critical path:
 * - `work`: the span's own work (server, consumer or internal time not spent in a child);
 * - `downstream`: waiting on a downstream call (an HTTP client or publish span's time not covered
 *   by the callee's span: network, proxy, the callee's accept queue, a broker confirm);
 * - `database`: a database client call;
 * - `queueing`: broker queueing, a consumer's start minus its publish's end;
 * - `deferred`: a span that started after its parent had ended, other than a consumer after its
 *   publish (an outbox relay publishing after the transaction that wrote the message).
 */
export const SEGMENT_KINDS = ['work', 'downstream', 'database', 'queueing', 'deferred'] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

/** One stretch of the critical path, charged to one span (service, name) and one kind. */
export interface PathSegment {
  service: string;
  name: string;
  kind: SegmentKind;
  startMs: number;
  endMs: number;
}

/** What the analysis of one trace found. */
export interface TracePath {
  /** Segments in time order; they tile [startMs, endMs] without gaps or overlaps. */
  segments: PathSegment[];
  /** The trace's end-to-end latency: its top span's start to its last-ending span's end (ms). */
  totalMs: number;
  startMs: number;
  endMs: number;
  /** Spans whose parent is not in the trace (an entry span with a remote parent is not one). */
  orphans: number;
  /** Spans moved or cut to fit inside their parent (clock skew). */
  clamped: number;
  /** Spans with an id already seen in the trace (ignored). */
  duplicates: number;
}

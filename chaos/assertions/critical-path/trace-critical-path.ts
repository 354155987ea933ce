import { ComponentIndex } from './component-index.js';
import { SEGMENT_KINDS, type PathSpan, type TracePath } from './path-span.js';
import { TraceAnalyser } from './trace-analyser.js';

/**
 * The critical path of one trace: the chain of segments that decided its end-to-end latency.
 *
 *   top ──────────────────────────────────────────────┐   walk backwards from the span that
 *     ├─ child A ─────┐      (parallel B not on path) │   ended last: inside a span, the last
 *     │               └─ publish ──┐                  │   child that finished before the cursor
 *     │                 queueing   └── consumer ──────┘   is on the path; time between is the
 *                                                         span's own; when no child is left, go
 *                                                         up to the parent at the span's start.
 *
 * A span that started after its parent had ended (a consumer after its publish, an outbox publish
 * after its transaction) is reached by an asynchronous hop: the gap from the parent's end to its
 * start is a segment of its own (`queueing` for a consumer of a publish, else `deferred`). The
 * segments tile [top start, last end] exactly, so their sum is the trace's latency. Skew is
 * corrected first (TraceAnalyser.correctSkew); orphans and duplicates are counted, never thrown.
 */
export function traceCriticalPath(spans: readonly PathSpan[]): TracePath {
  const index = new ComponentIndex();
  const a = new TraceAnalyser(index.labels);
  feedSpans(a, index, new Map(), spans);
  a.analyse();
  return analysedPath(a, index);
}

/** Resets the analyser and adds `spans`, interning their labels in `index` through `labels`. */
export function feedSpans(
  a: TraceAnalyser,
  index: ComponentIndex,
  labels: Map<string, number>,
  spans: readonly PathSpan[],
): void {
  a.reset();
  for (const s of spans) {
    const key = `${s.service}\u0000${s.name}\u0000${s.role}`;
    let label = labels.get(key);
    if (label === undefined) {
      label = index.label(s.service, s.name, s.role);
      labels.set(key, label);
    }
    a.add(s.id, s.parentId ?? NaN, label, s.startMs, s.endMs);
  }
}

/** The path the analyser found for its current trace, as objects. */
export function analysedPath(a: TraceAnalyser, index: ComponentIndex): TracePath {
  const segments = Array.from({ length: a.segments }, (_, i) => {
    const l = a.segLabel[i]!;
    return {
      service: index.labelService(l),
      name: index.labels.name[l]!,
      kind: SEGMENT_KINDS[a.segKind[i]!]!,
      startMs: a.segStart[i]!,
      endMs: a.segEnd[i]!,
    };
  });
  const startMs = segments[0]?.startMs ?? 0;
  const endMs = segments[segments.length - 1]?.endMs ?? 0;
  return {
    segments,
    totalMs: endMs - startMs,
    startMs,
    endMs,
    orphans: a.orphans,
    clamped: a.clamped,
    duplicates: a.duplicates,
  };
}

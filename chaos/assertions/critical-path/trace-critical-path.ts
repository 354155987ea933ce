import type { PathSegment, PathSpan, SegmentKind, TracePath } from './path-span.js';
import { buildTraceTree, type TraceTree } from './trace-tree.js';

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
 * corrected first (trace-tree.ts); orphans and duplicates are counted, never thrown.
 */
export function traceCriticalPath(spans: readonly PathSpan[]): TracePath {
  const tree = buildTraceTree(spans);
  const segments = tree.top < 0 ? [] : walk(tree, sinkOf(tree));
  const startMs = segments[0]?.startMs ?? 0;
  const endMs = segments[segments.length - 1]?.endMs ?? 0;
  return {
    segments,
    totalMs: endMs - startMs,
    startMs,
    endMs,
    orphans: tree.orphans,
    clamped: tree.clamped,
    duplicates: tree.duplicates,
  };
}

/** The reachable span that ended last (the first of equals). */
function sinkOf(tree: TraceTree): number {
  let sink = tree.top;
  for (let i = 0; i < tree.spans.length; i++)
    if (tree.reachable[i] && tree.endMs[i]! > tree.endMs[sink]!) sink = i;
  return sink;
}

/** The kind of a span's own time on the path. */
function ownKind(span: PathSpan): SegmentKind {
  if (span.role === 'database') return 'database';
  if (span.role === 'client' || span.role === 'producer') return 'downstream';
  return 'work';
}

/** The last child of `at` that ended by `cursor` and started before it (and at or after `at`). */
function lastChildBefore(tree: TraceTree, at: number, cursor: number): number {
  for (const c of tree.children[at]!) {
    const end = tree.endMs[c]!;
    if (end <= cursor && tree.startMs[c]! < cursor) return c;
  }
  return -1;
}

function walk(tree: TraceTree, sink: number): PathSegment[] {
  const out: PathSegment[] = [];
  const push = (i: number, kind: SegmentKind, startMs: number, endMs: number): void => {
    if (endMs <= startMs) return;
    const s = tree.spans[i]!;
    const last = out[out.length - 1];
    if (
      last &&
      last.startMs === endMs &&
      last.kind === kind &&
      last.name === s.name &&
      last.service === s.service
    )
      last.startMs = startMs;
    else out.push({ service: s.service, name: s.name, kind, startMs, endMs });
  };
  let at = sink;
  let cursor = tree.endMs[sink]!;
  // Each step goes down one level or moves the cursor back, so 4n + 8 steps always suffice.
  for (let step = 0; step < 4 * tree.spans.length + 8; step++) {
    const span = tree.spans[at]!;
    const child = lastChildBefore(tree, at, cursor);
    if (child >= 0) {
      push(at, ownKind(span), tree.endMs[child]!, cursor);
      at = child;
      cursor = tree.endMs[child]!;
      continue;
    }
    const start = tree.startMs[at]!;
    push(at, ownKind(span), start, cursor);
    const p = tree.parent[at]!;
    if (at === tree.top || p < 0) break;
    const parentEnd = tree.endMs[p]!;
    if (start >= parentEnd) {
      const hop = span.role === 'consumer' && tree.spans[p]!.role === 'producer' ? 'queueing' : 'deferred';
      push(at, hop, parentEnd, start);
      cursor = parentEnd;
    } else cursor = start;
    at = p;
  }
  return out.reverse();
}

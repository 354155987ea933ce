import type { PathSpan } from './path-span.js';

/**
 * One trace as a tree, with every span's interval corrected for clock skew. Arrays are indexed by
 * the span's position in `spans`; spans not reachable from `top` (orphan subtrees, cycles) have
 * `reachable[i] === false` and are left out of the analysis.
 */
export interface TraceTree {
  spans: readonly PathSpan[];
  /** Corrected start and end (ms). */
  startMs: number[];
  endMs: number[];
  /** Index of the parent, or -1 for the top and for orphans. */
  parent: number[];
  /** Children of each span, by corrected end, latest first. */
  children: number[][];
  reachable: boolean[];
  /** Index of the span the trace hangs from, or -1 when there is none (every span in a cycle). */
  top: number;
  orphans: number;
  clamped: number;
  duplicates: number;
}

/**
 * Whether a child may lie outside its parent without any clock being wrong: a consumer of a
 * publish (it runs after the broker delivered), a publish (an outbox relay sends after the
 * transaction that wrote the message ended), and any child in the parent's own service (same
 * process, same clock: a span that outlives its parent is real, e.g. fire-and-forget work).
 */
function mayOutliveParent(child: PathSpan, parent: PathSpan): boolean {
  return (
    child.service === parent.service ||
    child.role === 'producer' ||
    (child.role === 'consumer' && parent.role === 'producer')
  );
}

/**
 * Builds the tree of one trace and corrects clock skew, top-down. The rule (see docs/traces.md):
 * 1. No span starts before its parent: one that does is moved later, to its parent's start.
 * 2. A synchronous call into another service (any cross-service child except a publish and a
 *    consumer of a publish) lies inside its parent: it is moved by the smallest shift that fits
 *    it, and cut to the parent's extent if it is longer than the parent.
 * 3. A shift applies to the moved span's descendants in the same service (one clock); each
 *    descendant in another service is judged against its corrected parent by rules 1 and 2.
 * The top is the root (no parent id; the earliest when there are several), else the earliest span
 * whose parent is missing (the trace's entry, called from outside with a remote parent). Every
 * other span whose parent is missing is an orphan; it and its subtree are reported, not analysed.
 */
export function buildTraceTree(spans: readonly PathSpan[]): TraceTree {
  const n = spans.length;
  const index = new Map<number, number>();
  let duplicates = 0;
  // Plain arrays: for the ~16 spans of a trace they are cheaper to allocate than typed arrays.
  const keep: boolean[] = new Array<boolean>(n).fill(false);
  for (let i = 0; i < n; i++) {
    const id = spans[i]!.id;
    if (index.has(id)) duplicates++;
    else {
      index.set(id, i);
      keep[i] = true;
    }
  }
  const parent: number[] = new Array<number>(n).fill(-1);
  const children: number[][] = Array.from({ length: n }, () => []);
  let root = -1;
  let entry = -1;
  let missing = 0;
  for (let i = 0; i < n; i++) {
    if (!keep[i]) continue;
    const s = spans[i]!;
    const p = s.parentId === undefined ? undefined : index.get(s.parentId);
    if (p !== undefined && p !== i) {
      parent[i] = p;
      children[p]!.push(i);
    } else if (s.parentId === undefined || p === i) {
      if (root < 0 || s.startMs < spans[root]!.startMs) root = i;
    } else {
      missing++;
      if (entry < 0 || s.startMs < spans[entry]!.startMs) entry = i;
    }
  }
  const top = root >= 0 ? root : entry;
  const tree: TraceTree = {
    spans,
    startMs: new Array<number>(n).fill(0),
    endMs: new Array<number>(n).fill(0),
    parent,
    children,
    reachable: new Array<boolean>(n).fill(false),
    top,
    orphans: root >= 0 ? missing : Math.max(0, missing - 1),
    clamped: 0,
    duplicates,
  };
  if (top >= 0) correctSkew(tree, top);
  for (const list of children) list.sort((a, b) => tree.endMs[b]! - tree.endMs[a]!);
  return tree;
}

/** Breadth-first from the top: corrected intervals, reachability, the clamped count. */
function correctSkew(tree: TraceTree, top: number): void {
  const { spans, startMs, endMs, children, reachable } = tree;
  const offset: number[] = new Array<number>(spans.length).fill(0);
  startMs[top] = spans[top]!.startMs;
  endMs[top] = Math.max(spans[top]!.endMs, startMs[top]);
  reachable[top] = true;
  const queue = [top];
  for (let q = 0; q < queue.length && q < spans.length; q++) {
    const p = queue[q]!;
    for (const c of children[p]!) {
      if (reachable[c]) continue;
      reachable[c] = true;
      queue.push(c);
      const child = spans[c]!;
      const inherited = child.service === spans[p]!.service ? offset[p]! : 0;
      let start = child.startMs + inherited;
      let end = Math.max(child.endMs, child.startMs) + inherited;
      const ps = startMs[p]!;
      const pe = endMs[p]!;
      let moved = false;
      if (!mayOutliveParent(child, spans[p]!) && (start < ps || end > pe)) {
        const shift = end - start > pe - ps ? ps - start : start < ps ? ps - start : pe - end;
        start += shift;
        end = Math.min(end + shift, pe);
        moved = true;
      } else if (start < ps) {
        end += ps - start;
        start = ps;
        moved = true;
      }
      if (moved) tree.clamped++;
      offset[c] = start - child.startMs;
      startMs[c] = start;
      endMs[c] = end;
    }
  }
}

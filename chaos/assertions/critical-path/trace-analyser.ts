import { SEGMENT_KINDS, type SegmentKind } from './path-span.js';
import { roleCode, TraceColumns } from './trace-columns.js';

/** Segment-kind codes: the index in SEGMENT_KINDS. */
const kindCode = (k: SegmentKind): number => SEGMENT_KINDS.indexOf(k);
const CLIENT = roleCode('client');
const DATABASE = roleCode('database');
const PRODUCER = roleCode('producer');
const CONSUMER = roleCode('consumer');
const OWN = kindCode('work');
const DOWNSTREAM = kindCode('downstream');
const DB_CALL = kindCode('database');
const QUEUEING = kindCode('queueing');
const DEFERRED = kindCode('deferred');

/**
 * The critical path of one trace at a time, on columns reused from trace to trace, so that a
 * pass over millions of spans allocates nothing per span: `reset`, `add` each span, `analyse`,
 * then read the `seg*` columns (in time order) and the counts. The walk is described in
 * trace-critical-path.ts, the tree and the skew correction in trace-columns.ts; the object form
 * `traceCriticalPath` runs this class.
 */
export class TraceAnalyser extends TraceColumns {
  /** The path: segment s charges [segStart[s], segEnd[s]) to label segLabel[s], kind segKind[s]. */
  segments = 0;
  segLabel = new Int32Array(64);
  segKind = new Uint8Array(64);
  segStart = new Float64Array(64);
  segEnd = new Float64Array(64);

  /** The trace's latency: its path's extent (0 when the path is empty). */
  get totalMs(): number {
    return this.segments === 0 ? 0 : this.segEnd[this.segments - 1]! - this.segStart[0]!;
  }

  /** Computes the critical path of the spans added since `reset`. */
  analyse(): void {
    this.segments = 0;
    const top = this.build();
    if (top >= 0) this.walk(top);
  }

  /** The segment kind of a span's own time on the path. */
  private ownKind(i: number): number {
    const r = this.labels.role[this.label[i]!]!;
    if (r === DATABASE) return DB_CALL;
    if (r === CLIENT || r === PRODUCER) return DOWNSTREAM;
    return OWN;
  }

  /** The last child of `at` that ended by `cursor` and started before it; -1 when none. */
  private lastChildBefore(at: number, cursor: number): number {
    for (let k = this.childFirst[at]!; k < this.childFirst[at + 1]!; k++) {
      const c = this.childList[k]!;
      if (this.endMs[c]! <= cursor && this.startMs[c]! < cursor) return c;
    }
    return -1;
  }

  /** Prepends a segment (the walk goes backwards), merging it into the previous one of the same span and kind. */
  private push(i: number, k: number, startMs: number, endMs: number): void {
    if (endMs <= startMs) return;
    const l = this.label[i]!;
    const last = this.segments - 1;
    if (
      last >= 0 &&
      this.segStart[last] === endMs &&
      this.segKind[last] === k &&
      this.labels.span[this.segLabel[last]!] === this.labels.span[l]
    ) {
      this.segStart[last] = startMs;
      return;
    }
    if (this.segments === this.segLabel.length) this.growSegments();
    const s = this.segments++;
    this.segLabel[s] = l;
    this.segKind[s] = k;
    this.segStart[s] = startMs;
    this.segEnd[s] = endMs;
  }

  private growSegments(): void {
    const cap = this.segLabel.length * 2;
    const label = new Int32Array(cap);
    label.set(this.segLabel);
    const k = new Uint8Array(cap);
    k.set(this.segKind);
    const start = new Float64Array(cap);
    start.set(this.segStart);
    const end = new Float64Array(cap);
    end.set(this.segEnd);
    [this.segLabel, this.segKind, this.segStart, this.segEnd] = [label, k, start, end];
  }

  /** The reachable span that ended last (the first of equals). */
  private sink(top: number): number {
    let sink = top;
    for (let i = 0; i < this.n; i++)
      if (this.reachable[i] === 1 && this.endMs[i]! > this.endMs[sink]!) sink = i;
    return sink;
  }

  /** Walks back from the sink (see trace-critical-path.ts), then puts the segments in time order. */
  private walk(top: number): void {
    const { startMs, endMs, parent } = this;
    let at = this.sink(top);
    let cursor = endMs[at]!;
    // Each step goes down one level or moves the cursor back, so 4n + 8 steps always suffice.
    for (let step = 0; step < 4 * this.n + 8; step++) {
      const child = this.lastChildBefore(at, cursor);
      if (child >= 0) {
        this.push(at, this.ownKind(at), endMs[child]!, cursor);
        at = child;
        cursor = endMs[child]!;
        continue;
      }
      const start = startMs[at]!;
      this.push(at, this.ownKind(at), start, cursor);
      const p = parent[at]!;
      if (at === top || p < 0) break;
      const parentEnd = endMs[p]!;
      if (start >= parentEnd) {
        const role = this.labels.role;
        const hop =
          role[this.label[at]!] === CONSUMER && role[this.label[p]!] === PRODUCER ? QUEUEING : DEFERRED;
        this.push(at, hop, parentEnd, start);
        cursor = parentEnd;
      } else cursor = start;
      at = p;
    }
    this.reverseSegments();
  }

  private reverseSegments(): void {
    for (let a = 0, b = this.segments - 1; a < b; a++, b--) {
      swap(this.segLabel, a, b);
      swap(this.segKind, a, b);
      swap(this.segStart, a, b);
      swap(this.segEnd, a, b);
    }
  }
}

function swap(a: Int32Array | Uint8Array | Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

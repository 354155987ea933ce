import { SPAN_ROLES, type SpanRole } from './path-span.js';

/** Role codes: the index in SPAN_ROLES. */
export const roleCode = (r: SpanRole): number => SPAN_ROLES.indexOf(r);
const PRODUCER = roleCode('producer');
const CONSUMER = roleCode('consumer');

/** What the analysis needs of each span label, indexed by label id (component-index.ts). */
export interface LabelColumns {
  /** Index in SPAN_ROLES. */
  readonly role: readonly number[];
  /** Service id: spans of one service share a clock. */
  readonly service: readonly number[];
  /** (service, name) id: consecutive segments of one span name merge. */
  readonly span: readonly number[];
}

/**
 * One trace as a tree, on typed columns reused from trace to trace (nothing is allocated per
 * span): `reset`, `add` each span, then `build` links the spans, corrects clock skew and orders
 * each span's children. Indexes are span positions in the order they were added.
 */
export class TraceColumns {
  /** Spans of the current trace. */
  n = 0;
  private cap = 0;
  private id = new Float64Array(0);
  private parentId = new Float64Array(0);
  protected label = new Int32Array(0);
  private rawStart = new Float64Array(0);
  private rawEnd = new Float64Array(0);
  private keep = new Uint8Array(0);
  /** Index of the parent, or -1 for the top and for orphans. */
  protected parent = new Int32Array(0);
  /** Corrected start and end (ms). */
  protected startMs = new Float64Array(0);
  protected endMs = new Float64Array(0);
  private offset = new Float64Array(0);
  /** 1 for spans reachable from the top; the others (orphan subtrees, cycles) are left out. */
  protected reachable = new Uint8Array(0);
  private queue = new Int32Array(0);
  /** Children of span i are childList[childFirst[i] .. childFirst[i + 1]), latest end first. */
  protected childFirst = new Int32Array(0);
  protected childList = new Int32Array(0);
  /** Open-addressing table of span ids: slot holds span index + 1, 0 when empty. */
  private slots = new Int32Array(64);
  private shift = 32 - 6;
  /** Spans whose parent is not in the trace; spans moved or cut for skew; repeated ids (ignored). */
  orphans = 0;
  clamped = 0;
  duplicates = 0;

  constructor(protected readonly labels: LabelColumns) {
    this.grow(64);
  }

  /** Starts a new trace. */
  reset(): void {
    this.n = 0;
  }

  /** Adds a span of the current trace; `parentId` NaN for a root. */
  add(id: number, parentId: number, label: number, startMs: number, endMs: number): void {
    const i = this.n++;
    if (i >= this.cap) this.grow(this.cap * 2);
    this.id[i] = id;
    this.parentId[i] = parentId;
    this.label[i] = label;
    this.rawStart[i] = startMs;
    this.rawEnd[i] = endMs;
  }

  /** Builds the tree of the spans added since `reset`; returns the top, or -1 when there is none. */
  protected build(): number {
    const top = this.link();
    if (top < 0) return -1;
    this.correctSkew(top);
    this.sortChildren();
    return top;
  }

  private grow(cap: number): void {
    const f64 = (a: Float64Array): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    this.id = f64(this.id);
    this.parentId = f64(this.parentId);
    this.rawStart = f64(this.rawStart);
    this.rawEnd = f64(this.rawEnd);
    const label = new Int32Array(cap);
    label.set(this.label);
    this.label = label;
    this.keep = new Uint8Array(cap);
    this.parent = new Int32Array(cap);
    this.startMs = new Float64Array(cap);
    this.endMs = new Float64Array(cap);
    this.offset = new Float64Array(cap);
    this.reachable = new Uint8Array(cap);
    this.queue = new Int32Array(cap);
    this.childFirst = new Int32Array(cap + 1);
    this.childList = new Int32Array(cap);
    this.cap = cap;
  }

  /** Empties the id table, sized for the current trace (at most half full), and returns it. */
  private clearSlotsAndGet(): Int32Array {
    let bits = 6;
    while (1 << bits < 2 * this.n) bits++;
    if (1 << bits === this.slots.length) this.slots.fill(0);
    else this.slots = new Int32Array(1 << bits);
    this.shift = 32 - bits;
    return this.slots;
  }

  /** The slot of `id`: the one holding it, else the empty one where it would go. */
  private slotOf(id: number): number {
    const mask = this.slots.length - 1;
    // Fibonacci hashing of the id's low 32 bits (ids are integers below 2^53).
    let h = Math.imul(id >>> 0, 0x9e3779b1) >>> this.shift;
    for (let s = this.slots[h]!; s !== 0 && this.id[s - 1] !== id; s = this.slots[h]!) h = (h + 1) & mask;
    return h;
  }

  /**
   * Drops duplicate ids (the first stays), links each span to its parent, builds the child lists
   * (in span order) and returns the top: the root (no parent id; the earliest when there are
   * several), else the earliest span whose parent is missing (the trace's entry, called from
   * outside with a remote parent). Every other span whose parent is missing is an orphan; it and
   * its subtree are counted, not analysed. -1 when there is no top (every span in a cycle).
   */
  private link(): number {
    const { n, id, keep, parent, parentId, rawStart, childFirst, childList } = this;
    const slots = this.clearSlotsAndGet();
    this.duplicates = 0;
    for (let i = 0; i < n; i++) {
      const h = this.slotOf(id[i]!);
      keep[i] = slots[h] === 0 ? 1 : 0;
      if (keep[i] === 1) slots[h] = i + 1;
      else this.duplicates++;
    }
    let root = -1;
    let entry = -1;
    let missing = 0;
    childFirst.fill(0, 0, n + 1);
    for (let i = 0; i < n; i++) {
      parent[i] = -1;
      if (keep[i] === 0) continue;
      const pid = parentId[i]!;
      const p = Number.isNaN(pid) ? -1 : slots[this.slotOf(pid)]! - 1;
      if (p >= 0 && p !== i) {
        parent[i] = p;
        childFirst[p + 1]!++;
      } else if (Number.isNaN(pid) || p === i) {
        if (root < 0 || rawStart[i]! < rawStart[root]!) root = i;
      } else {
        missing++;
        if (entry < 0 || rawStart[i]! < rawStart[entry]!) entry = i;
      }
    }
    for (let i = 0; i < n; i++) childFirst[i + 1]! += childFirst[i]!;
    // Fill in span order, using queue[] as each parent's next free slot.
    const next = this.queue;
    next.set(childFirst.subarray(0, n));
    for (let i = 0; i < n; i++) if (parent[i]! >= 0) childList[next[parent[i]!]!++] = i;
    this.orphans = root >= 0 ? missing : Math.max(0, missing - 1);
    return root >= 0 ? root : entry;
  }

  /**
   * Whether a child may lie outside its parent without any clock being wrong: a consumer of a
   * publish (it runs after the broker delivered), a publish (an outbox relay sends after the
   * transaction that wrote the message ended), and any child in the parent's own service (same
   * process, same clock: a span that outlives its parent is real, e.g. fire-and-forget work).
   */
  private mayOutliveParent(c: number, p: number): boolean {
    const { role, service } = this.labels;
    const cl = this.label[c]!;
    const pl = this.label[p]!;
    return (
      service[cl] === service[pl] || role[cl] === PRODUCER || (role[cl] === CONSUMER && role[pl] === PRODUCER)
    );
  }

  /**
   * Corrects clock skew breadth-first from the top (reachability and the clamped count with it).
   * The rule (see docs/traces.md):
   * 1. No span starts before its parent: one that does is moved later, to its parent's start.
   * 2. A synchronous call into another service (any cross-service child except a publish and a
   *    consumer of a publish) lies inside its parent: it is moved by the smallest shift that fits
   *    it, and cut to the parent's extent if it is longer than the parent.
   * 3. A shift applies to the moved span's descendants in the same service (one clock); each
   *    descendant in another service is judged against its corrected parent by rules 1 and 2.
   * Spans not reachable from the top (orphan subtrees, cycles) are left out of the walk.
   */
  private correctSkew(top: number): void {
    const { n, rawStart, rawEnd, startMs, endMs, offset, reachable, queue, childFirst, childList, label } =
      this;
    const service = this.labels.service;
    reachable.fill(0, 0, n);
    this.clamped = 0;
    startMs[top] = rawStart[top]!;
    endMs[top] = Math.max(rawEnd[top]!, startMs[top]);
    offset[top] = 0;
    reachable[top] = 1;
    queue[0] = top;
    let tail = 1;
    for (let q = 0; q < tail; q++) {
      const p = queue[q]!;
      for (let k = childFirst[p]!; k < childFirst[p + 1]!; k++) {
        const c = childList[k]!;
        if (reachable[c] === 1) continue;
        reachable[c] = 1;
        queue[tail++] = c;
        const inherited = service[label[c]!] === service[label[p]!] ? offset[p]! : 0;
        let start = rawStart[c]! + inherited;
        let end = Math.max(rawEnd[c]!, rawStart[c]!) + inherited;
        const ps = startMs[p]!;
        const pe = endMs[p]!;
        let moved = false;
        if (!this.mayOutliveParent(c, p) && (start < ps || end > pe)) {
          const shift = end - start > pe - ps ? ps - start : start < ps ? ps - start : pe - end;
          start += shift;
          end = Math.min(end + shift, pe);
          moved = true;
        } else if (start < ps) {
          end += ps - start;
          start = ps;
          moved = true;
        }
        if (moved) this.clamped++;
        offset[c] = start - rawStart[c]!;
        startMs[c] = start;
        endMs[c] = end;
      }
    }
  }

  /** Orders each child list by corrected end, latest first (stable: insertion sort, lists are short). */
  private sortChildren(): void {
    const { n, childFirst, childList, endMs } = this;
    for (let p = 0; p < n; p++) {
      const from = childFirst[p]!;
      const to = childFirst[p + 1]!;
      for (let k = from + 1; k < to; k++) {
        const c = childList[k]!;
        const e = endMs[c]!;
        let j = k - 1;
        while (j >= from && endMs[childList[j]!]! < e) {
          childList[j + 1] = childList[j]!;
          j--;
        }
        childList[j + 1] = c;
      }
    }
  }
}

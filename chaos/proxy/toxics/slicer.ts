import type { Chunk, Stage, StageOutput, ToxicKind } from './toxic.js';

/**
 * Split points of a `size`-byte chunk by recursive halving until each piece is at most
 * `averageSize + sizeVariation` bytes; with a variation each split point moves by a random
 * integer in [-sizeVariation, +sizeVariation). Returns offsets from 0 to `size` inclusive.
 */
export function slicePoints(
  size: number,
  averageSize: number,
  sizeVariation: number,
  random: () => number,
): number[] {
  const points = [0];
  const split = (start: number, end: number): void => {
    if (end - start <= averageSize + sizeVariation) {
      points.push(end);
      return;
    }
    let mid = start + Math.floor((end - start) / 2);
    if (sizeVariation > 0) mid += Math.floor(random() * sizeVariation * 2) - sizeVariation;
    split(start, mid);
    split(mid, end);
  };
  split(0, size);
  return points;
}

/**
 * Waits until `performance.now()` reaches `dueMs`, with sub-millisecond precision: timers (which
 * sleep in the kernel) while a millisecond or more is left, then `setImmediate` turns (which let
 * I/O run) for the sub-millisecond rest. Returns a cancel function.
 */
function waitUntil(dueMs: number, fn: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;
  const check = (): void => {
    const leftMs = dueMs - performance.now();
    if (leftMs <= 0) fn();
    else if (leftMs >= 1) timer = setTimeout(check, Math.floor(leftMs));
    else immediate = setImmediate(check);
  };
  check();
  return () => {
    if (timer) clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
  };
}

function slicerStage(avg: number, variation: number, delayUs: number, out: StageOutput): Stage {
  const queue: Chunk[] = [];
  let pieces: Chunk[] = [];
  let cancel: (() => void) | undefined;
  let ended = false;
  let held = 0; // bytes in `queue` and `pieces`
  // When the next piece may go: the original sleeps `delay` µs after every piece, the last included.
  let nextAtMs = 0;

  const pump = (): void => {
    cancel = undefined;
    for (;;) {
      if (pieces.length === 0) {
        const c = queue.shift();
        if (!c) {
          if (ended) out.end();
          return;
        }
        const pts = slicePoints(c.data.length, avg, variation, () => out.random());
        pieces = pts.slice(1).map((end, i) => ({ data: c.data.subarray(pts[i], end), readAtMs: c.readAtMs }));
      }
      const now = performance.now();
      if (delayUs > 0 && nextAtMs > now) {
        cancel = waitUntil(nextAtMs, pump);
        return;
      }
      const piece = pieces.shift() as Chunk;
      held -= piece.data.length;
      out.emit(piece);
      // Each piece waits its full delay after the previous one went out: delays never overlap, and
      // sub-millisecond delays are honoured one piece at a time instead of being batched.
      if (delayUs > 0) nextAtMs = performance.now() + delayUs / 1000;
    }
  };
  return {
    push(chunk) {
      queue.push(chunk);
      held += chunk.data.length;
      if (!cancel && queue.length === 1 && pieces.length === 0) pump();
    },
    end() {
      ended = true;
      if (!cancel && queue.length === 0 && pieces.length === 0) out.end();
    },
    interrupt() {
      cancel?.();
      cancel = undefined;
      if (pieces.length > 0) {
        out.emit({ data: Buffer.concat(pieces.map((p) => p.data)), readAtMs: (pieces[0] as Chunk).readAtMs });
      }
      const pending = pieces.length > 0 || queue.length > 0;
      pieces = [];
      held = 0;
      return { chunks: queue.splice(0), ended: ended && pending };
    },
    heldBytes: () => held,
  };
}

/** `slicer`: cuts each chunk into smaller pieces, sleeping `delay` µs after each piece. */
export const slicer: ToxicKind = {
  type: 'slicer',
  goStruct: 'SlicerToxic',
  attributes: [
    { name: 'average_size', goType: 'int' },
    { name: 'size_variation', goType: 'int' },
    { name: 'delay', goType: 'int' },
  ],
  validate(a) {
    const avg = a['average_size'] ?? 0;
    const variation = a['size_variation'] ?? 0;
    if (avg <= 0) return 'average_size must be greater than 0';
    if (variation < 0) return 'size_variation must not be negative';
    if (variation > avg) return 'size_variation must not be greater than average_size';
    if ((a['delay'] ?? 0) < 0) return 'delay must not be negative';
    return undefined;
  },
  create: (a, out) => slicerStage(a['average_size'] ?? 1, a['size_variation'] ?? 0, a['delay'] ?? 0, out),
};

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

function slicerStage(avg: number, variation: number, delayUs: number, out: StageOutput): Stage {
  const queue: Chunk[] = [];
  let pieces: Chunk[] = [];
  let timer: NodeJS.Timeout | undefined;
  let ended = false;
  let debtUs = 0;

  const pump = (): void => {
    timer = undefined;
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
      out.emit(pieces.shift() as Chunk);
      // The original sleeps after every piece, the last one included. Timers tick in whole ms,
      // so sub-ms delays accumulate as a debt and are slept once they reach 1 ms.
      debtUs += delayUs;
      if (debtUs >= 1000) {
        const ms = Math.floor(debtUs / 1000);
        debtUs -= ms * 1000;
        timer = setTimeout(pump, ms);
        return;
      }
    }
  };
  return {
    push(chunk) {
      queue.push(chunk);
      if (!timer && queue.length === 1 && pieces.length === 0) pump();
    },
    end() {
      ended = true;
      if (!timer && queue.length === 0 && pieces.length === 0) out.end();
    },
    interrupt() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (pieces.length > 0) {
        out.emit({ data: Buffer.concat(pieces.map((p) => p.data)), readAtMs: (pieces[0] as Chunk).readAtMs });
      }
      const pending = pieces.length > 0 || queue.length > 0;
      pieces = [];
      return { chunks: queue.splice(0), ended: ended && pending };
    },
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

import type { Chunk, Stage, StageOutput, ToxicKind } from './toxic.js';

const PIECE_MS = 100;

function bandwidthStage(rateKBps: number, out: StageOutput): Stage {
  const queue: Chunk[] = [];
  let timer: NodeJS.Timeout | undefined;
  let ended = false;
  let budgetMs = 0; // running sleep budget; absorbs timer overshoot across chunks
  let current: Chunk | undefined;
  let held = 0; // bytes in `queue` and `current`
  const emit = (c: Chunk): void => {
    held -= c.data.length;
    out.emit(c);
  };

  const next = (): void => {
    timer = undefined;
    current = queue.shift();
    if (!current) {
      if (ended) out.end();
      return;
    }
    // rate 0 stalls the stream: hold the data until interrupted.
    if (rateKBps <= 0) return;
    budgetMs += current.data.length / rateKBps;
    step();
  };
  const step = (): void => {
    const c = current as Chunk;
    const pieceBytes = rateKBps * PIECE_MS;
    if (c.data.length > pieceBytes) {
      timer = setTimeout(() => {
        emit({ data: c.data.subarray(0, pieceBytes), readAtMs: c.readAtMs });
        current = { data: c.data.subarray(pieceBytes), readAtMs: c.readAtMs };
        budgetMs -= PIECE_MS;
        step();
      }, PIECE_MS);
      return;
    }
    const started = performance.now();
    timer = setTimeout(
      () => {
        budgetMs -= performance.now() - started;
        emit(c);
        next();
      },
      Math.max(0, budgetMs),
    );
  };
  return {
    push(chunk) {
      queue.push(chunk);
      held += chunk.data.length;
      if (!current && !timer) next();
    },
    end() {
      ended = true;
      if (!current && !timer) out.end();
    },
    interrupt() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (current) out.emit(current);
      const pending = current !== undefined || queue.length > 0;
      current = undefined;
      held = 0;
      return { chunks: queue.splice(0), ended: ended && pending };
    },
    heldBytes: () => held,
  };
}

/** `bandwidth`: limits throughput to `rate` KB/s (1 KB = 1000 bytes); rate 0 stalls the stream. */
export const bandwidth: ToxicKind = {
  type: 'bandwidth',
  goStruct: 'BandwidthToxic',
  attributes: [{ name: 'rate', goType: 'int64' }],
  validate: (a) => ((a['rate'] ?? 0) < 0 ? 'rate must not be negative' : undefined),
  create: (a, out) => bandwidthStage(a['rate'] ?? 0, out),
};

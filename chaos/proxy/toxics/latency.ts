import { delayAttributeProblem, type Chunk, type Stage, type StageOutput, type ToxicKind } from './toxic.js';

/**
 * Delay in ms for one chunk: `latency` plus a random integer in [-jitter, +jitter) when jitter > 0.
 * @param random a float in [0, 1)
 */
export function latencyDelayMs(latencyMs: number, jitterMs: number, random: number): number {
  if (jitterMs <= 0) return latencyMs;
  return latencyMs + Math.floor(random * 2 * jitterMs) - jitterMs;
}

interface Entry {
  chunk: Chunk;
  dueMs: number;
}

// The timestamp moves on by the delay, so a second latency toxic in the chain adds its own delay.
function delayed(e: Entry): Chunk {
  return { data: e.chunk.data, readAtMs: e.dueMs };
}

function latencyStage(latencyMs: number, jitterMs: number, out: StageOutput): Stage {
  const queue: Entry[] = [];
  let timer: NodeJS.Timeout | undefined;
  let ended = false;
  let held = 0;
  const take = (): Entry => {
    const e = queue.shift() as Entry;
    held -= e.chunk.data.length;
    return e;
  };

  // Delays count from the read timestamp, so back-to-back chunks are pipelined, not accumulated.
  const drain = (): void => {
    timer = undefined;
    const now = performance.now();
    // Timers tick in whole ms: a chunk due within half a tick is sent now rather than a tick late.
    while (queue.length > 0 && (queue[0]?.dueMs ?? 0) <= now + 0.5) out.emit(delayed(take()));
    const head = queue[0];
    if (head) timer = setTimeout(drain, Math.max(1, Math.round(head.dueMs - now)));
    else if (ended) out.end();
  };
  return {
    push(chunk) {
      const dueMs = chunk.readAtMs + latencyDelayMs(latencyMs, jitterMs, out.random());
      queue.push({ chunk, dueMs });
      held += chunk.data.length;
      if (queue.length === 1 && timer === undefined) drain();
    },
    end() {
      ended = true;
      if (queue.length === 0) out.end();
    },
    interrupt() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      const head = queue.length > 0 ? take() : undefined;
      if (head) out.emit(head.chunk);
      const chunks = queue.splice(0).map((q) => q.chunk);
      held = 0;
      return { chunks, ended: ended && chunks.length + (head ? 1 : 0) > 0 };
    },
    heldBytes: () => held,
  };
}

/** `latency`: delays each chunk by `latency` ms ± `jitter` ms, counted from when it was read. */
export const latency: ToxicKind = {
  type: 'latency',
  goStruct: 'LatencyToxic',
  attributes: [
    { name: 'latency', goType: 'int64' },
    { name: 'jitter', goType: 'int64' },
  ],
  validate: (a) => delayAttributeProblem(a, ['latency', 'jitter']),
  create: (a, out) => latencyStage(a['latency'] ?? 0, a['jitter'] ?? 0, out),
};

import { setMaxListeners } from 'node:events';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { VuPool } from '../vu-pool.js';
import type { PhaseContext } from './phase-context.js';

// Starting many overdue arrivals back to back must not starve response handling.
const MAX_STARTS_WITHOUT_YIELD = 64;

/**
 * Runs an open-model phase: starts an iteration at each planned offset (ms from the phase start)
 * if a VU is free, else counts it dropped. Never waits for responses before the next arrival.
 * Then waits until `phaseMs` has passed and drains in-flight iterations within the graceful stop.
 */
export async function runArrivals(
  offsetsMs: Iterable<number>,
  phaseMs: number,
  pool: VuPool,
  ctx: PhaseContext,
): Promise<void> {
  const iterations = linkedController(ctx.signal);
  const inFlight = new Set<Promise<void>>();
  const start = ctx.clock.nowMs();
  let startsWithoutYield = 0;
  for (const offset of offsetsMs) {
    const waitMs = start + offset - ctx.clock.nowMs();
    if (waitMs > 1) {
      await ctx.clock.sleep(waitMs, ctx.signal);
      startsWithoutYield = 0;
    } else if (++startsWithoutYield >= MAX_STARTS_WITHOUT_YIELD) {
      await yieldToLoop();
      startsWithoutYield = 0;
    }
    if (ctx.signal.aborted || ctx.budget.exhausted) break;
    if (!pool.tryAcquire()) {
      ctx.onDropped();
      continue;
    }
    ctx.budget.take();
    ctx.onVus(pool.busy, pool.allocated);
    const running: Promise<void> = ctx
      .startIteration(iterations.controller.signal)
      .catch(() => undefined)
      .finally(() => {
        pool.release();
        inFlight.delete(running);
        ctx.onVus(pool.busy, pool.allocated);
      });
    inFlight.add(running);
  }
  await ctx.clock.sleep(start + phaseMs - ctx.clock.nowMs(), ctx.signal);
  await drain(inFlight, ctx, iterations.controller);
  iterations.unlink();
}

/** Waits for in-flight iterations up to the graceful stop, then aborts the rest and waits for them. */
export async function drain(
  inFlight: Set<Promise<void>>,
  ctx: PhaseContext,
  controller: AbortController,
): Promise<void> {
  if (inFlight.size > 0) {
    const grace = new AbortController();
    const allDone = Promise.all([...inFlight]).then(() => grace.abort());
    await ctx.clock.sleep(ctx.gracefulStopMs, AbortSignal.any([grace.signal, ctx.signal]));
    controller.abort();
    await allDone;
  }
}

/** An AbortController that also aborts when `parent` does; `unlink` removes the listener. */
export function linkedController(parent: AbortSignal): { controller: AbortController; unlink: () => void } {
  const controller = new AbortController();
  // Every in-flight request and sleep of the phase listens on this one signal.
  setMaxListeners(0, controller.signal);
  const onAbort = () => controller.abort();
  if (parent.aborted) controller.abort();
  else parent.addEventListener('abort', onAbort, { once: true });
  return { controller, unlink: () => parent.removeEventListener('abort', onAbort) };
}

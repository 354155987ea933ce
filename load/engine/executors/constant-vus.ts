import { durationMs } from '../../profiles/duration.js';
import type { ConstantVus } from '../../profiles/profile.js';
import type { Executor, PhaseContext } from './phase-context.js';
import { drain, linkedController } from './run-arrivals.js';

/**
 * k6 `constant-vus`, the closed model (for comparison only): `vus` loops each start the next
 * iteration when the previous one ends, so a slow server lowers the offered load.
 */
export const constantVus: Executor<ConstantVus> = {
  async run(config, ctx) {
    const iterations = linkedController(ctx.signal);
    const endMs = ctx.clock.nowMs() + durationMs(config.duration);
    const inFlight = new Set<Promise<void>>();
    ctx.onVus(config.vus, config.vus);
    for (let vu = 0; vu < config.vus; vu++) {
      const loop: Promise<void> = vuLoop(ctx, endMs, iterations.controller.signal).finally(() =>
        inFlight.delete(loop),
      );
      inFlight.add(loop);
    }
    await ctx.clock.sleep(endMs - ctx.clock.nowMs(), ctx.signal);
    await drain(inFlight, ctx, iterations.controller);
    iterations.unlink();
  },
};

async function vuLoop(ctx: PhaseContext, endMs: number, signal: AbortSignal): Promise<void> {
  while (!signal.aborted && ctx.clock.nowMs() < endMs && ctx.budget.take()) {
    await ctx.startIteration(signal).catch(() => undefined);
  }
}

import { durationMs } from '../profiles/duration.js';
import type { ConstantArrivalRate, RampingArrivalRate } from '../profiles/profile.js';

/**
 * Executor planning, pure: when each iteration of an arrival-rate executor starts, as offsets
 * (ms) from the executor's start. The schedule depends only on the config, never on response
 * times, which is what keeps the open model free of coordinated omission.
 */

/** Offsets (ms) of every iteration start for `constant-arrival-rate`: i · timeUnit / rate. */
export function* constantArrivalOffsetsMs(config: ConstantArrivalRate): Generator<number, void> {
  const intervalMs = durationMs(config.timeUnit ?? '1s') / config.rate;
  const endMs = durationMs(config.duration);
  for (let i = 0; ; i++) {
    const t = i * intervalMs;
    if (t >= endMs) return;
    yield t;
  }
}

/**
 * Offsets (ms) for `ramping-arrival-rate`. The rate moves linearly within each stage, so the
 * expected iteration count is the integral of the rate; iteration k starts where that integral
 * reaches k (k = 0, 1, ...), found by solving the stage's quadratic.
 */
export function* rampingArrivalOffsetsMs(config: RampingArrivalRate): Generator<number, void> {
  const unitMs = durationMs(config.timeUnit ?? '1s');
  let fromPerMs = (config.startRate ?? 0) / unitMs;
  let stageStartMs = 0;
  let countAtStageStart = 0;
  let next = 0;
  for (const stage of config.stages) {
    const spanMs = durationMs(stage.duration);
    const toPerMs = stage.target / unitMs;
    for (;;) {
      const t = timeToReach(next - countAtStageStart, fromPerMs, toPerMs, spanMs);
      // The epsilon keeps float error from adding an arrival exactly at the stage boundary.
      if (t === undefined || t >= spanMs - 1e-6) break;
      yield stageStartMs + t;
      next++;
    }
    countAtStageStart += ((fromPerMs + toPerMs) / 2) * spanMs;
    stageStartMs += spanMs;
    fromPerMs = toPerMs;
  }
}

/** Time within a stage at which `count` iterations have been due, or undefined if never. */
export function timeToReach(
  count: number,
  fromPerMs: number,
  toPerMs: number,
  spanMs: number,
): number | undefined {
  if (count <= 0) return 0;
  if (spanMs === 0) return undefined;
  const slope = (toPerMs - fromPerMs) / spanMs;
  if (Math.abs(slope) < 1e-15) return fromPerMs > 0 ? count / fromPerMs : undefined;
  // slope/2 · t² + from · t − count = 0
  const disc = fromPerMs * fromPerMs + 2 * slope * count;
  if (disc < 0) return undefined;
  return (-fromPerMs + Math.sqrt(disc)) / slope;
}

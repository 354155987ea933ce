import type { Writable } from 'node:stream';
import type { SecondSample } from './metrics/time-series.js';

/** Live numbers shown once a second on a TTY. */
export interface ProgressSnapshot {
  elapsedMs: number;
  phase: string;
  /** Requests completed in the last full second. */
  reqPerSec: number;
  inFlight: number;
  p99Ms: number;
  errors: number;
  dropped: number;
}

/** One progress line, e.g. `[  12s baseline] 100 req/s · 3 in flight · p99 4.2 ms · 0 errors · 0 dropped`. Pure. */
export function formatProgress(s: ProgressSnapshot): string {
  const seconds = `${Math.floor(s.elapsedMs / 1000)}s`.padStart(5);
  return (
    `[${seconds} ${s.phase}] ${s.reqPerSec} req/s · ${s.inFlight} in flight · p99 ${s.p99Ms.toFixed(1)} ms` +
    ` · ${s.errors} errors · ${s.dropped} dropped`
  );
}

/** Snapshot from the last complete per-second sample plus running totals. Pure. */
export function snapshotFrom(
  samples: readonly SecondSample[],
  totals: { elapsedMs: number; phase: string; inFlight: number; errors: number; dropped: number },
): ProgressSnapshot {
  const last = samples[Math.floor(totals.elapsedMs / 1000) - 1];
  return { ...totals, reqPerSec: last?.reqs ?? 0, p99Ms: last?.p99Ms ?? 0 };
}

/**
 * Rewrites one line in place on `stream` every `intervalMs` (default 1000) when `isTTY`; does
 * nothing otherwise, so CI logs stay quiet. `stop()` ends the line.
 */
export function startProgress(
  stream: Writable,
  isTTY: boolean,
  read: () => ProgressSnapshot,
  intervalMs = 1000,
): { stop(): void } {
  if (!isTTY) return { stop: () => undefined };
  const timer = setInterval(() => stream.write(`\r\x1b[2K${formatProgress(read())}`), intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      stream.write(`\r\x1b[2K${formatProgress(read())}\n`);
    },
  };
}

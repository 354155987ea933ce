import type { LoadRunOutcome, LoadRunRequest } from '../../load/drivers/load-driver.js';
import type { BuiltinSummary } from '../../load/engine/run-load.js';
import type { K6SummaryData } from '../../load/engine/metrics/k6-summary.js';
import type { RunLoad } from './load-engine.js';

/** How a load run ended: its outcome, or the error that ended it (never a rejected promise). */
export type LoadEnded = { outcome: LoadRunOutcome } | { error: unknown };

/** A load run in flight. */
export interface StartedLoad {
  /** Settles when the load has ended; never rejects. */
  ended: Promise<LoadEnded>;
  /**
   * Resolves with the epoch ms the first phase started, or with the time of whichever comes
   * first: the load ending (k6 failed to start), `interrupt` aborting, or `limitMs` passing (then
   * `onLimit` is called first, to stop the engine: a k6 stuck before its first iteration must not
   * hold the run for ever).
   */
  started(interrupt: AbortSignal, limitMs?: number, onLimit?: () => void): Promise<number>;
}

/**
 * Starts the engine and wraps it so that no rejection is ever left unhandled: a k6 that dies
 * mid-run is a value the timeline looks at, not a crash. Edge: reads the clock.
 */
export function startLoad(
  engine: RunLoad,
  request: Omit<LoadRunRequest, 'workDir' | 'onStarted'> & { signal: AbortSignal },
): StartedLoad {
  let onStarted: (epochMs: number) => void = () => undefined;
  const firstPhase = new Promise<number>((resolve) => (onStarted = resolve));
  let ended: Promise<LoadEnded>;
  try {
    ended = engine.run({ ...request, onStarted }).then(
      (outcome) => ({ outcome }),
      (error: unknown) => ({ error }),
    );
  } catch (error) {
    ended = Promise.resolve({ error });
  }
  return {
    ended,
    async started(interrupt, limitMs, onLimit) {
      let timer: NodeJS.Timeout | undefined;
      const interrupted = new Promise<number>((resolve) => {
        if (interrupt.aborted) resolve(Date.now());
        interrupt.addEventListener('abort', () => resolve(Date.now()), { once: true });
      });
      const limited = new Promise<number>((resolve) => {
        if (limitMs === undefined) return;
        timer = setTimeout(() => {
          onLimit?.();
          resolve(Date.now());
        }, limitMs);
      });
      try {
        return await Promise.race([firstPhase, ended.then(() => Date.now()), interrupted, limited]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** The summary of a run whose engine failed: what the live reader had, with no series. Pure. */
export function emptyLoadSummary(
  engine: 'builtin' | 'k6',
  runId: string,
  live: K6SummaryData | undefined,
  interrupted: boolean,
): BuiltinSummary {
  const data: K6SummaryData = live ?? {
    root_group: { name: '', path: '', id: 'd41d8cd98f00b204e9800998ecf8427e', groups: [], checks: [] },
    options: { summaryTrendStats: [], summaryTimeUnit: '', noColor: false },
    state: { isStdOutTTY: false, isStdErrTTY: false, testRunDurationMs: 0 },
    metrics: {},
  };
  return { ...data, faultline: { engine, runId, profile: runId, interrupted, phases: [], timeSeries: [] } };
}

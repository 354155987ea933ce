/**
 * How every way a `k6 run` can end maps to a Faultline outcome. One table, pure; docs/load.md
 * renders it. k6's own codes are from its `errext/exitcodes` package (stable from v0.3x to v1.x).
 *
 * ```
 * k6 ends ──► exit 0 ───────────► completed                  (summary read)
 *         ├─► exit 99 ──────────► completed, thresholds failed (summary read; failures become checks)
 *         ├─► exit 105 ─────────► interrupted when Faultline sent the SIGINT (summary read), else k6 error
 *         ├─► 107, 108, other ──► k6 error (ERR_LOAD_K6_*, exit 5 "environment"), with k6's stderr
 *         ├─► killed by signal ─► k6 error (ERR_LOAD_K6_KILLED)
 *         └─► cannot start ─────► k6 error (ERR_LOAD_K6_START)
 * ```
 */

/** What a k6 exit means for the run. */
export type K6Ending =
  | { kind: 'completed'; thresholdsFailed: boolean }
  | { kind: 'interrupted' }
  | { kind: 'error'; code: string; message: string };

/** k6's exit codes that Faultline gives a meaning (the rest are "k6 failed"). */
export const K6_EXIT_CODES = [
  { code: 0, name: 'ok', outcome: 'completed' },
  { code: 99, name: 'thresholds failed', outcome: 'completed; each failed k6 threshold is a failed check' },
  {
    code: 105,
    name: 'external abort (SIGINT/SIGTERM)',
    outcome: 'interrupted (exit 130) when Faultline stopped it; otherwise a k6 error (exit 5)',
  },
  { code: 107, name: 'script exception', outcome: 'k6 error (exit 5), k6 stderr shown' },
  { code: 108, name: 'script aborted (test.abort())', outcome: 'k6 error (exit 5), k6 stderr shown' },
  { code: 104, name: 'invalid config', outcome: 'k6 error (exit 5), k6 stderr shown' },
] as const;

/** Exit code k6 uses when thresholds failed (the run itself completed). */
export const K6_EXIT_THRESHOLDS_FAILED = 99;
/** Exit code k6 uses after a SIGINT/SIGTERM, once its summary is written. */
export const K6_EXIT_EXTERNAL_ABORT = 105;

/**
 * The meaning of one k6 ending. `exitCode` null means killed by `signal`; `interruptedByUs` says
 * whether Faultline had sent k6 its SIGINT. Pure.
 */
export function k6Ending(exitCode: number | null, signal: string | null, interruptedByUs: boolean): K6Ending {
  if (exitCode === null)
    return {
      kind: 'error',
      code: 'ERR_LOAD_K6_KILLED',
      message: `k6 was killed by ${signal ?? 'a signal'} before it finished`,
    };
  if (exitCode === 0) return { kind: 'completed', thresholdsFailed: false };
  if (exitCode === K6_EXIT_THRESHOLDS_FAILED) return { kind: 'completed', thresholdsFailed: true };
  if (exitCode === K6_EXIT_EXTERNAL_ABORT && interruptedByUs) return { kind: 'interrupted' };
  const known = K6_EXIT_CODES.find((c) => c.code === exitCode);
  return {
    kind: 'error',
    code:
      exitCode === 107
        ? 'ERR_LOAD_K6_SCRIPT'
        : exitCode === 105
          ? 'ERR_LOAD_K6_ABORTED'
          : 'ERR_LOAD_K6_FAILED',
    message: `k6 exited with code ${exitCode}${known ? ` (${known.name})` : ''}`,
  };
}

/**
 * The rate curve of `bench:fleet`: one point per offered order rate, and the rule that decides
 * whether a rate is sustained. Pure.
 */

/** What one rung of the ladder measured. Times are time-to-terminal (accepted → terminal) in ms. */
export interface CurvePoint {
  /** Offered orders per second. */
  rate: number;
  /** Orders sent. */
  sent: number;
  /** Orders the gateway accepted (202). */
  accepted: number;
  /** Accepted orders terminal (completed or compensated) when the step ended. */
  terminal: number;
  /** Terminal orders that completed (the rest were compensated). */
  completed: number;
  p50Ms: number;
  p99Ms: number;
  /** Wall time of the step, sending and draining (ms). */
  elapsedMs: number;
}

/** The default ladder: doubling at first, then finer steps past 128 (bounded: 14 rungs). */
export const DEFAULT_RATES: readonly number[] = [4, 8, 16, 24, 32, 48, 64, 96, 128, 160, 192, 224, 256, 320];

/** The time-to-terminal objective a rate must meet to count as sustained. */
export const P99_LIMIT_MS = 1000;

/** Nearest-rank percentile of an ascending array (NaN when empty). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Share of sent orders not accepted (a refusal or a failed request). */
export function errorShare(p: CurvePoint): number {
  return p.sent === 0 ? 0 : (p.sent - p.accepted) / p.sent;
}

/** Share of accepted orders terminal by the end of the step. */
export function terminalShare(p: CurvePoint): number {
  return p.accepted === 0 ? 0 : p.terminal / p.accepted;
}

/**
 * Sustained: every order sent was accepted and reached a terminal state, none was compensated
 * (the bench injects no fault, so a compensation means an overloaded step timed out), and p99
 * time-to-terminal is under the limit.
 */
export function sustained(p: CurvePoint, limitMs = P99_LIMIT_MS): boolean {
  return (
    p.sent > 0 &&
    p.accepted === p.sent &&
    p.terminal === p.accepted &&
    p.completed === p.terminal &&
    p.p99Ms < limitMs
  );
}

const fmtMs = (x: number): string => (Number.isFinite(x) ? x.toFixed(0) : 'n/a');
const fmtPct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** The curve as a table: rate → p50, p99, error share, terminal share, verdict. */
export function renderCurve(points: readonly CurvePoint[], limitMs = P99_LIMIT_MS): string {
  const head = ['rate/s', 'sent', 'p50 ms', 'p99 ms', 'errors', 'terminal', 'compensated', 'step s', ''];
  const body = points.map((p) => [
    String(p.rate),
    String(p.sent),
    fmtMs(p.p50Ms),
    fmtMs(p.p99Ms),
    fmtPct(errorShare(p)),
    fmtPct(terminalShare(p)),
    String(p.terminal - p.completed),
    (p.elapsedMs / 1000).toFixed(1),
    sustained(p, limitMs) ? 'ok' : 'MISS',
  ]);
  return renderTable(head, body);
}

/** A table of right-aligned columns, two spaces apart, one line per row (bench output). Pure. */
export function renderTable(head: readonly string[], body: readonly string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padStart(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(head), ...body.map(line)].join('\n') + '\n';
}

/** The highest rate before the first miss (0 when the first rung misses). */
export function ceilingOf(points: readonly CurvePoint[], limitMs = P99_LIMIT_MS): number {
  let best = 0;
  for (const p of points) {
    if (!sustained(p, limitMs)) break;
    best = p.rate;
  }
  return best;
}

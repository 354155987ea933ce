/** Duration strings in experiment files: a number and a unit, e.g. `500ms`, `30s`, `1.5m`, `1h`. */
export const DURATION_PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds of a duration string, or undefined when it is not one. */
export function parseDurationMs(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = DURATION_PATTERN.exec(text.trim());
  if (match === null) return undefined;
  return Math.round(Number(match[1]) * (UNIT_MS[match[2] as string] as number));
}

/** Short human form of a millisecond count: `750ms`, `30s`, `2m30s`. */
export function formatDurationMs(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000 || ms % 1000 !== 0) return `${+(ms / 1000).toFixed(3)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = (ms % 60_000) / 1000;
  return seconds === 0 ? `${minutes}m` : `${minutes}m${seconds}s`;
}

/** How many passing nights the baseline looks back over. */
export const BASELINE_NIGHTS = 14;
/** Fewer passing nights than this: "insufficient history", not judged. */
export const MIN_BASELINE_NIGHTS = 5;
/** The band is never narrower than this margin, so a perfectly steady check is not flagged for noise. */
export const MIN_BAND_WIDTH = 0.05;

/** The baseline of a check: the median margin of its last passing nights and the floor under it. */
export interface RegressionBand {
  median: number;
  /** Median absolute deviation. */
  mad: number;
  /** median - max(3 * mad, MIN_BAND_WIDTH): tonight's margin under this is a regression. */
  floor: number;
  nights: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The band from the margins of the last passing nights (oldest first; only the last
 * `BASELINE_NIGHTS` count), or undefined with fewer than `MIN_BASELINE_NIGHTS`. Pure.
 */
export function regressionBand(passingMargins: readonly number[]): RegressionBand | undefined {
  const window = passingMargins.slice(-BASELINE_NIGHTS);
  if (window.length < MIN_BASELINE_NIGHTS) return undefined;
  const m = median(window);
  const mad = median(window.map((v) => Math.abs(v - m)));
  return { median: m, mad, floor: m - Math.max(3 * mad, MIN_BAND_WIDTH), nights: window.length };
}

import type { SeriesPoint } from '../recovery/series-point.js';

/** One series returned by Prometheus, with its labels and samples (Unix ms, float values). */
export interface PromSeries {
  labels: Record<string, string>;
  points: SeriesPoint[];
}

/** `name{a="1", b="2"}`, or `{}` for a series without labels (e.g. a scalar or an aggregate). */
export function formatSeries(labels: Record<string, string>): string {
  const { __name__: name = '', ...rest } = labels;
  const pairs = Object.entries(rest).map(([k, v]) => `${k}="${v}"`);
  return `${name}{${pairs.join(', ')}}`;
}

/** Prometheus encodes sample values as strings (`"0.5"`, `"NaN"`, `"+Inf"`). */
export function parseSampleValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

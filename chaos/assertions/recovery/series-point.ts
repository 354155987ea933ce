/** One sample of a time series: `tMs` is a Unix time in milliseconds. */
export interface SeriesPoint {
  tMs: number;
  value: number;
}

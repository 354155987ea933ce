/** A measured number for reports: up to 4 significant digits, no trailing zeros; 1000 and more as integers. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 1000 ? value.toFixed(0) : String(+value.toPrecision(4));
}

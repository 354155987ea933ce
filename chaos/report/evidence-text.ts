import type { Evidence } from '../verdict.js';

/** Evidence as short `key: value` lines, for JUnit bodies and Markdown. Pure. */
export function evidenceLines(evidence: Evidence): string[] {
  const lines: string[] = [];
  if (evidence.objective !== undefined) lines.push(`objective: ${evidence.objective}`);
  if (evidence.observed !== undefined) lines.push(`observed: ${formatNumber(evidence.observed)}`);
  if (evidence.samples !== undefined) lines.push(`samples: ${evidence.samples}`);
  if (evidence.traceIds !== undefined && evidence.traceIds.length > 0) {
    lines.push(`traces: ${evidence.traceIds.join(', ')}`);
  }
  for (const [key, value] of Object.entries(evidence.details ?? {})) {
    lines.push(`${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  return lines;
}

/** Up to 4 significant decimals, no trailing zeros. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 1000 ? value.toFixed(0) : String(+value.toPrecision(4));
}

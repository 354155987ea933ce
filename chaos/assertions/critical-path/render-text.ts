import type { PopulationDiff } from './population-diff.js';
import type { PathDimension, PopulationSummary } from './population-summary.js';

/** Options of the text rendering. */
export interface TextOptions {
  /** What the population is, e.g. `phase inject, span[service=psp]`. */
  label: string;
  dimension: PathDimension;
  /** Rows per table (default 15). */
  rows?: number;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const ms = (x: number): string => x.toFixed(1);
const signed = (x: number, digits: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`;

/** Left-aligns the first column and right-aligns the others. */
function table(head: string[], body: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), ...body.map(line)];
}

/** The critical-path summary of one population as a plain-text table (CLI output). Pure. */
export function renderSummaryText(s: PopulationSummary, o: TextOptions): string {
  if (s.traces === 0 || s.latency === null)
    return `critical path of ${o.label}: no traces selected, so there is nothing to analyse (inconclusive)\n`;
  const lines = [
    `critical path of ${s.traces} traces (${o.label})`,
    `latency mean ${ms(s.latency.meanMs)} ms, p50 ${ms(s.latency.p50Ms)} ms, p99 ${ms(s.latency.p99Ms)} ms`,
    '',
    ...table(
      [`by ${o.dimension}`, 'share', 'mean ms', 'p50 ms', 'p99 ms', 'traces'],
      s.components[o.dimension]
        .slice(0, o.rows ?? 15)
        .map((c) => [c.key, pct(c.share), ms(c.meanMs), ms(c.p50Ms), ms(c.p99Ms), String(c.traces)]),
    ),
    '',
    'top paths',
    ...s.topPaths.map(
      (p) =>
        `  ${pct(p.share).padStart(6)} ${String(p.count).padStart(7)}  ${p.services.join(' > ')}  (mean ${ms(p.meanMs)} ms)`,
    ),
  ];
  const pr = s.problems;
  const notes = [
    pr.orphans > 0 ? `${pr.orphans} orphan span(s) in ${pr.tracesWithOrphans} trace(s) left out` : '',
    pr.clamped > 0
      ? `${pr.clamped} span(s) moved inside their parent (clock skew, or a callee ending after its caller)`
      : '',
    pr.duplicates > 0 ? `${pr.duplicates} duplicate span id(s) ignored` : '',
    pr.emptyTraces > 0 ? `${pr.emptyTraces} trace(s) without a path` : '',
  ].filter((n) => n !== '');
  if (notes.length > 0) lines.push('', `data: ${notes.join('; ')}`);
  return `${lines.join('\n')}\n`;
}

/** A diff as a plain-text table, largest growth first. Pure. */
export function renderDiffText(d: PopulationDiff, before: string, after: string, rows = 15): string {
  const head = `change from ${before} (${d.beforeTraces} traces) to ${after} (${d.afterTraces} traces), by ${d.dimension}, ranked by growth in ${d.rankBy === 'share' ? 'share' : 'mean ms'}`;
  if (d.inconclusive !== undefined) return `${head}\n${d.inconclusive} (inconclusive)\n`;
  return `${[
    head,
    '',
    ...table(
      [d.dimension, 'share before', 'after', 'Δ points', 'mean ms before', 'after', 'Δ ms', 'p99 ms after'],
      d.rows
        .slice(0, rows)
        .map((r) => [
          r.key,
          pct(r.beforeShare),
          pct(r.afterShare),
          signed(100 * r.shareDelta, 1),
          ms(r.beforeMeanMs),
          ms(r.afterMeanMs),
          signed(r.meanMsDelta, 1),
          ms(r.afterP99Ms),
        ]),
    ),
  ].join('\n')}\n`;
}

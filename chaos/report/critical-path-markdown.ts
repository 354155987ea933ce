import type { Journal } from './journal.js';

const pct = (share: number): string => `${(100 * share).toFixed(1)}%`;
const ms = (v: number): string => `${v.toFixed(1)} ms`;
const signed = (v: number, text: string): string => `${v >= 0 ? '+' : ''}${text}`;

/** Escapes a table cell (service and span names come from the fleet). */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/([*_`[\]<>])/g, '\\$1');

/**
 * The summary's "Where the time went" lines: per phase the largest parts of the critical path,
 * then the ranked change from baseline to inject. No lines for a journal without critical paths.
 * Pure.
 */
export function criticalPathMarkdown(journal: Journal): string[] {
  const record = journal.criticalPath;
  if (record === undefined) return [];
  const out = [
    '',
    '### Where the time went',
    '',
    '| phase | traces | p50 | p99 | largest parts of the critical path (service kind: share) |',
    '|---|---|---|---|---|',
  ];
  for (const p of record.phases) {
    if (p.traces === 0 || p.latency === undefined) {
      out.push(`| ${p.phase} | 0 | | | no traces (inconclusive) |`);
      continue;
    }
    const parts = p.parts
      .slice(0, 5)
      .map((part) => `${cell(`${part.service} ${part.kind}`)} ${pct(part.share)}`)
      .join(' · ');
    out.push(`| ${p.phase} | ${p.traces} | ${ms(p.latency.p50Ms)} | ${ms(p.latency.p99Ms)} | ${parts} |`);
  }
  const d = record.diff;
  if (d === undefined) return out;
  out.push('', `Change from ${d.from} to ${d.to}, largest growth in share first:`, '');
  if (d.inconclusive !== undefined) return [...out, `${d.inconclusive} (inconclusive)`];
  out.push(
    `| service kind | share in ${d.from} | in ${d.to} | Δ points | mean in ${d.from} | in ${d.to} | Δ |`,
    '|---|---|---|---|---|---|---|',
  );
  for (const r of d.rows.slice(0, 8))
    out.push(
      `| ${cell(r.key)} | ${pct(r.beforeShare)} | ${pct(r.afterShare)} | ${signed(r.shareDelta, (100 * r.shareDelta).toFixed(1))} | ` +
        `${ms(r.beforeMeanMs)} | ${ms(r.afterMeanMs)} | ${signed(r.meanMsDelta, ms(r.meanMsDelta))} |`,
    );
  return out;
}

import type { CriticalPathPhase, CriticalPathRecord } from '../../assertions/critical-path/journal-record.js';
import { SEGMENT_KINDS, type SegmentKind } from '../../assertions/critical-path/path-span.js';
import type { Journal } from '../journal.js';
import { escapeXml as x } from '../xml-escape.js';

const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
];
/** Each kind is its service's colour at a different strength, so a bar reads service first. */
const STRENGTH: Record<SegmentKind, number> = {
  work: 1,
  database: 0.78,
  downstream: 0.55,
  queueing: 0.36,
  deferred: 0.2,
};

const pct = (share: number): string => `${(100 * share).toFixed(1)}%`;
const ms = (v: number): string => `${v.toFixed(1)} ms`;

/** Services by their largest share in any phase, so colours are stable across the bars. */
function serviceColors(record: CriticalPathRecord): Map<string, string> {
  const best = new Map<string, number>();
  for (const p of record.phases)
    for (const part of p.parts) best.set(part.service, (best.get(part.service) ?? 0) + part.share);
  const order = [...best].sort((a, b) => b[1] - a[1]).map(([s]) => s);
  return new Map(order.map((s, i) => [s, PALETTE[i % PALETTE.length]!]));
}

function bar(p: CriticalPathPhase, colors: Map<string, string>): string {
  if (p.traces === 0 || p.latency === undefined)
    return `<p><b>${x(p.phase)}</b>: <span class="meta">no traces started in this phase (inconclusive)</span></p>`;
  const parts = [...p.parts].sort(
    (a, b) =>
      (a.service < b.service ? -1 : a.service > b.service ? 1 : 0) ||
      SEGMENT_KINDS.indexOf(a.kind) - SEGMENT_KINDS.indexOf(b.kind),
  );
  const cells = parts
    .filter((part) => part.share > 0)
    .map((part) => {
      const label = `${part.service} ${part.kind}`;
      const tip = `${label}: ${pct(part.share)} of the critical path · mean ${ms(part.meanMs)} · p99 ${ms(part.p99Ms)}`;
      const style =
        `width:${(100 * part.share).toFixed(3)}%;background:${colors.get(part.service) ?? '#999'};` +
        `opacity:${STRENGTH[part.kind]};`;
      return `<span class="cp-part" style="${style}" title="${x(tip)}">${part.share >= 0.08 ? x(label) : ''}</span>`;
    });
  const lat = p.latency;
  return (
    `<p><b>${x(p.phase)}</b> <span class="meta">${p.traces} traces · latency p50 ${ms(lat.p50Ms)}, p99 ${ms(lat.p99Ms)}` +
    `${p.topPaths[0] ? ` · most common path ${x(p.topPaths[0].services.join(' › '))} (${p.topPaths[0].count})` : ''}</span></p>` +
    `<div class="cp-bar" role="img" aria-label="${x(`critical path of ${p.phase} by service and kind`)}">${cells.join('')}</div>`
  );
}

function diffTable(record: CriticalPathRecord): string {
  const d = record.diff;
  if (d === undefined) return '';
  const head = `<h3>Change from ${x(d.from)} to ${x(d.to)}, by service and kind, largest growth in share first</h3>`;
  if (d.inconclusive !== undefined) return `${head}<p class="meta">${x(d.inconclusive)} (inconclusive)</p>`;
  const rows = d.rows.map(
    (r) =>
      `<tr><td>${x(r.key)}</td><td>${pct(r.beforeShare)}</td><td>${pct(r.afterShare)}</td>` +
      `<td>${r.shareDelta >= 0 ? '+' : ''}${(100 * r.shareDelta).toFixed(1)}</td><td>${ms(r.beforeMeanMs)}</td>` +
      `<td>${ms(r.afterMeanMs)}</td><td>${r.meanMsDelta >= 0 ? '+' : ''}${ms(r.meanMsDelta)}</td></tr>`,
  );
  return (
    `${head}<table><tr><th>service and kind</th><th>share in ${x(d.from)}</th><th>in ${x(d.to)}</th><th>Δ points</th>` +
    `<th>mean per trace in ${x(d.from)}</th><th>in ${x(d.to)}</th><th>Δ</th></tr>${rows.join('')}</table>`
  );
}

const STYLE =
  '<style>.cp-bar{display:flex;height:26px;border:1px solid var(--line,#e4e7ec);border-radius:4px;overflow:hidden;background:#fff;margin:4px 0 12px}' +
  '.cp-part{display:block;height:100%;font-size:11px;line-height:26px;color:#000;white-space:nowrap;overflow:hidden;text-indent:4px}' +
  '.cp-legend span{margin-right:14px;font-size:12px}.cp-legend i{display:inline-block;width:10px;height:10px;margin-right:4px;background:#4e79a7}</style>';

/**
 * The report's "Where the time went" section: per phase, a bar of the critical-path time split by
 * service (colour) and segment kind (strength), and the ranked change from baseline to inject.
 * Empty for a journal without critical paths (older runs, interrupted runs). Pure.
 */
export function renderCriticalPathSection(journal: Journal): string {
  const record = journal.criticalPath;
  if (record === undefined) return '';
  const colors = serviceColors(record);
  const legend = SEGMENT_KINDS.map((k) => `<span><i style="opacity:${STRENGTH[k]}"></i>${k}</span>`).join('');
  return (
    `${STYLE}<h2>Where the time went</h2><p class="meta">Critical paths of the traces that started in each phase: the share of ` +
    `end-to-end time spent in each service, as its own work, waiting on a downstream call, in the database, queued in the ` +
    `broker, or deferred (started after its parent ended, e.g. an outbox publish).</p>` +
    `<p class="cp-legend">${legend}</p>${record.phases.map((p) => bar(p, colors)).join('')}${diffTable(record)}`
  );
}

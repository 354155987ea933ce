import type { CheckResult } from '../../verdict.js';
import { evidenceEntries } from '../evidence-format.js';
import type { Journal } from '../journal.js';
import { reportContextOf, type ReportContext } from '../report-context.js';
import { formatInstant } from '../run-clock.js';
import { escapeXml as x } from '../xml-escape.js';
import { renderCriticalPathSection } from './critical-path-section.js';
import { REPORT_CSS } from './report-css.js';
import { richHtml } from './rich-html.js';
import { renderLineChart, type ChartOptions } from './svg-chart.js';
import { renderWaterfall } from './waterfall.js';
import { renderWhyHtml } from './why-html.js';

const COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f'];

function frame(journal: Journal): Pick<ChartOptions, 'bands' | 'markers' | 'totalMs'> {
  const end = Math.max(...journal.phases.map((p) => p.endMs), ...journal.load.series.map((p) => p.tMs), 0);
  return {
    totalMs: end,
    bands: journal.faults.map((f) => ({
      startMs: f.appliedMs,
      endMs: f.removedMs ?? end,
      label: `${f.name} on ${f.target}`,
    })),
    markers: journal.phases.map((p) => ({ atMs: p.startMs, label: p.name })),
  };
}

function loadCharts(journal: Journal): string[] {
  const s = journal.load.series;
  const base = frame(journal);
  const pts = (pick: (p: (typeof s)[number]) => number | null): [number, number | null][] =>
    s.map((p) => [p.tMs, pick(p)]);
  return [
    renderLineChart({
      ...base,
      title: 'Client latency',
      unit: 'ms',
      series: [
        { name: 'p50', color: COLORS[0] as string, points: pts((p) => p.p50Ms) },
        { name: 'p95', color: COLORS[1] as string, points: pts((p) => p.p95Ms) },
        { name: 'p99', color: COLORS[2] as string, points: pts((p) => p.p99Ms) },
      ],
    }),
    renderLineChart({
      ...base,
      title: 'Throughput',
      unit: 'requests/s',
      series: [{ name: 'rps', color: COLORS[0] as string, points: pts((p) => p.rps) }],
    }),
    renderLineChart({
      ...base,
      title: 'Error rate',
      unit: 'share of requests',
      series: [{ name: 'errors', color: COLORS[2] as string, points: pts((p) => p.errorRate) }],
    }),
  ];
}

function sliCharts(journal: Journal): string[] {
  const base = frame(journal);
  return journal.sli.map((sli, i) => {
    const limit = /^\s*<=?\s*([\d.eE+-]+)\s*$/.exec(sli.objective ?? '');
    return renderLineChart({
      ...base,
      title: `${sli.name}${sli.objective ? ` (objective ${sli.objective})` : ''}`,
      unit: sli.unit,
      series: [
        {
          name: sli.name,
          color: COLORS[i % COLORS.length] as string,
          points: sli.points.map((p) => [p.tMs, p.value]),
        },
      ],
      ...(limit ? { objective: Number(limit[1]) } : {}),
    });
  });
}

function checkRow(c: CheckResult, ctx: ReportContext): string {
  const ev = evidenceEntries(c, ctx)
    .map((e) => `<li>${x(e.label)}: ${richHtml(e.value, ctx)}</li>`)
    .join('');
  return (
    `<tr class="${c.verdict}"><td class="v">${c.verdict}</td><td>${x(c.kind)}</td><td><b>${x(c.id)}</b><br>${x(c.title)}</td>` +
    `<td>${x(c.reason)}${ev ? `<ul class="ev">${ev}</ul>` : ''}</td></tr>`
  );
}

function faultTable(journal: Journal, ctx: ReportContext): string {
  const at = (ms?: number): string => (ms === undefined ? 'not removed' : x(formatInstant(ms, ctx.clock)));
  const rows = journal.faults.map(
    (f) =>
      `<tr><td>${x(f.name)}</td><td>${x(f.kind)}</td><td>${x(f.target)}</td><td>${at(f.appliedMs)}</td>` +
      `<td>${at(f.removedMs)}</td><td>${x(f.errors.join('; ') || 'none')}</td></tr>`,
  );
  return `<table><tr><th>fault</th><th>kind</th><th>target</th><th>applied</th><th>removed</th><th>errors</th></tr>${rows.join('')}</table>`;
}

/** Violations listed in full up to this many; the rest are counted. */
const MAX_VIOLATIONS = 50;

function eventsSection(journal: Journal, ctx: ReportContext): string {
  const guards = journal.guardEvents.map(
    (g) =>
      `<li>${x(formatInstant(g.atMs, ctx.clock))} <b>${x(g.guard)}</b> ${g.type} (${g.consecutive}): ${x(g.message)}</li>`,
  );
  const all = journal.invariantViolations;
  const inv = all
    .slice(0, MAX_VIOLATIONS)
    .map(
      (v) =>
        `<li><code>${x(v.invariant)}</code> ${richHtml([{ id: v.subject, of: v.subject === '-' ? 'other' : 'order' }], ctx)}: ${x(v.message)}</li>`,
    );
  if (all.length > MAX_VIOLATIONS) inv.push(`<li>and ${all.length - MAX_VIOLATIONS} more</li>`);
  return (
    `<h2>Guards</h2>${guards.length ? `<ul>${guards.join('')}</ul>` : '<p class="meta">no guard breaches</p>'}` +
    `<h2>Invariant violations</h2>${inv.length ? `<ul>${inv.join('')}</ul>` : '<p class="meta">none</p>'}`
  );
}

/**
 * The self-contained HTML report of one run: inline CSS and SVG only, no scripts, no external
 * assets, so it works offline and as a CI artifact. Pure function of the journal.
 */
export function renderHtml(journal: Journal): string {
  const e = journal.experiment;
  const ctx = reportContextOf(journal);
  const traces = journal.traces.map(renderWaterfall);
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${x(`${journal.verdict.toUpperCase()}: ${e.title}`)}</title><style>${REPORT_CSS}</style></head><body><main>` +
    `<h1>${x(e.title)} <span class="badge ${journal.verdict}">${journal.verdict}</span></h1>` +
    `<p class="meta">run <code>${x(journal.runId)}</code> · ${x(journal.status)} · exit ${x(journal.exit)} · ${x(journal.startedAt)} · <code>${x(journal.experimentFile)}</code>` +
    `${e.pattern ? ` · pattern: ${x(e.pattern)}` : ''}${e.expect === 'fail' ? ' · expected to fail (pattern off)' : ''}</p><p>${x(e.description)}</p>` +
    renderWhyHtml(journal, ctx) +
    `<h2>Verdicts</h2><table><tr><th>verdict</th><th>kind</th><th>check</th><th>reason and evidence</th></tr>${journal.checks.map((c) => checkRow(c, ctx)).join('')}</table>` +
    `<h2>Client load</h2>${loadCharts(journal).join('')}` +
    `<h2>Server SLIs</h2>${journal.sli.length ? sliCharts(journal).join('') : '<p class="meta">no server-side series recorded</p>'}` +
    `<h2>Fault windows</h2>${faultTable(journal, ctx)}${eventsSection(journal, ctx)}` +
    renderCriticalPathSection(journal) +
    `<h2>Traces</h2>${traces.length ? traces.join('') : '<p class="meta">no traces recorded</p>'}` +
    `</main></body></html>\n`
  );
}

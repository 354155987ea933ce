import { formatDurationMs } from '../experiment/duration.js';
import type { Verdict } from '../verdict.js';
import { criticalPathMarkdown } from './critical-path-markdown.js';
import { evidenceLines, formatNumber } from './evidence-text.js';
import type { Journal } from './journal.js';

const ICON: Record<Verdict, string> = { pass: '✅', fail: '❌', inconclusive: '⚠️' };

/** Escapes text for a Markdown table cell. */
function cell(text: string): string {
  return inline(text).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** Escapes text so Markdown renders it literally (no raw HTML, no emphasis). */
function inline(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([*_`[\]])/g, '\\$1');
}

function at(ms: number | undefined): string {
  return ms === undefined ? 'not removed' : `+${formatDurationMs(Math.round(ms))}`;
}

function loadLine(journal: Journal): string {
  const m = journal.load.summary.metrics;
  const d = m['http_req_duration']?.values ?? {};
  const show = (v: number | null | undefined, unit = ''): string =>
    typeof v === 'number' ? `${formatNumber(v)}${unit}` : 'n/a';
  return [
    `requests ${show(m['http_reqs']?.values['count'])}`,
    `p95 ${show(d['p(95)'], ' ms')}`,
    `p99 ${show(d['p(99)'], ' ms')}`,
    `failed ${show(m['http_req_failed']?.values['rate'])}`,
    `dropped iterations ${show(m['dropped_iterations']?.values['count'] ?? 0)}`,
  ].join(' · ');
}

/** A CI job summary (GitHub `$GITHUB_STEP_SUMMARY` style) for one run. Pure. */
export function renderMarkdown(journal: Journal): string {
  const e = journal.experiment;
  const out: string[] = [
    `## ${ICON[journal.verdict]} ${journal.verdict.toUpperCase()}: ${inline(e.title)}`,
    '',
    `Run \`${journal.runId}\` · ${journal.status} · exit \`${journal.exit}\` · \`${journal.experimentFile}\`` +
      (e.pattern ? ` · pattern: ${inline(e.pattern)}` : '') +
      (e.expect === 'fail' ? ' · expected to fail (pattern off)' : ''),
    '',
    `**Load:** ${loadLine(journal)}`,
    '',
    '| | check | kind | reason |',
    '|---|---|---|---|',
    ...journal.checks.map(
      (c) => `| ${ICON[c.verdict]} | ${cell(`${c.id}: ${c.title}`)} | ${c.kind} | ${cell(c.reason)} |`,
    ),
  ];
  const failing = journal.checks.filter((c) => c.verdict !== 'pass' && evidenceLines(c.evidence).length > 0);
  if (failing.length > 0) {
    out.push('', '<details><summary>Evidence</summary>', '');
    for (const c of failing) out.push(`- **${cell(c.id)}**: ${cell(evidenceLines(c.evidence).join('; '))}`);
    out.push('', '</details>');
  }
  out.push('', '| fault | target | applied | removed | errors |', '|---|---|---|---|---|');
  for (const f of journal.faults) {
    out.push(
      `| ${cell(f.name)} (${f.kind}) | ${cell(f.target)} | ${at(f.appliedMs)} | ${at(f.removedMs)} | ${cell(f.errors.join('; ') || 'none')} |`,
    );
  }
  const aborts = journal.guardEvents.filter((g) => g.type === 'abort');
  for (const g of aborts)
    out.push('', `> **Guard \`${g.guard}\` aborted inject at ${at(g.atMs)}:** ${g.message}`);
  if (journal.invariantViolations.length > 0) {
    out.push('', `**Invariant violations (${journal.invariantViolations.length}):**`, '');
    for (const v of journal.invariantViolations.slice(0, 20))
      out.push(`- \`${v.invariant}\` ${cell(v.subject)}: ${cell(v.message)}`);
  }
  out.push(...criticalPathMarkdown(journal));
  return `${out.join('\n')}\n`;
}

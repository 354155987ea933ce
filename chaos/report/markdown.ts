import type { Verdict } from '../verdict.js';
import { criticalPathMarkdown } from './critical-path-markdown.js';
import { evidenceEntries } from './evidence-format.js';
import type { Journal } from './journal.js';
import { markdownWhy } from './markdown-why.js';
import { formatNumber } from './number-format.js';
import { reportContextOf, type ReportContext } from './report-context.js';
import { mdInline as inline, richMarkdown } from './rich-markdown.js';
import { MAX_LISTED_IDS } from './rich-text.js';
import { formatInstant } from './run-clock.js';

const ICON: Record<Verdict, string> = { pass: '✅', fail: '❌', inconclusive: '⚠️' };

/** Escapes text for a Markdown table cell. */
function cell(text: string): string {
  return tableSafe(inline(text));
}

/** Makes Markdown safe inside a table row (pipes, line breaks). */
function tableSafe(markdown: string): string {
  return markdown.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function at(ms: number | undefined, ctx: ReportContext): string {
  return ms === undefined ? 'not removed' : formatInstant(ms, ctx.clock);
}

/** The evidence of every check that did not pass, as a nested list. */
function evidenceSection(journal: Journal, ctx: ReportContext): string[] {
  const out: string[] = [];
  for (const c of journal.checks) {
    if (c.verdict === 'pass') continue;
    const entries = evidenceEntries(c, ctx);
    if (entries.length === 0) continue;
    out.push(`- **${inline(c.id)}** (${c.kind})`);
    for (const e of entries) out.push(`  - ${inline(e.label)}: ${richMarkdown(e.value)}`);
  }
  return out.length === 0 ? [] : ['', '<details><summary>Evidence</summary>', '', ...out, '', '</details>'];
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
  const ctx = reportContextOf(journal);
  const out: string[] = [
    `## ${ICON[journal.verdict]} ${journal.verdict.toUpperCase()}: ${inline(e.title)}`,
    '',
    `Run \`${journal.runId}\` · ${journal.status} · exit \`${journal.exit}\` · \`${journal.experimentFile}\`` +
      (e.pattern ? ` · pattern: ${inline(e.pattern)}` : '') +
      (e.expect === 'fail' ? ' · expected to fail (pattern off)' : ''),
    '',
    ...markdownWhy(journal, ctx),
    `**Load:** ${loadLine(journal)}`,
    '',
    '| | check | kind | reason |',
    '|---|---|---|---|',
    ...journal.checks.map(
      (c) => `| ${ICON[c.verdict]} | ${cell(`${c.id}: ${c.title}`)} | ${c.kind} | ${cell(c.reason)} |`,
    ),
  ];
  out.push(...evidenceSection(journal, ctx));
  out.push('', '| fault | target | applied | removed | errors |', '|---|---|---|---|---|');
  for (const f of journal.faults) {
    out.push(
      `| ${cell(f.name)} (${f.kind}) | ${cell(f.target)} | ${at(f.appliedMs, ctx)} | ${at(f.removedMs, ctx)} | ${cell(f.errors.join('; ') || 'none')} |`,
    );
  }
  const aborts = journal.guardEvents.filter((g) => g.type === 'abort');
  for (const g of aborts)
    out.push('', `> **Guard \`${g.guard}\` aborted inject at ${at(g.atMs, ctx)}:** ${inline(g.message)}`);
  const violations = journal.invariantViolations;
  if (violations.length > 0) {
    out.push('', `**Invariant violations (${violations.length}):**`, '');
    for (const v of violations.slice(0, MAX_LISTED_IDS))
      out.push(
        `- \`${v.invariant}\` ${tableSafe(richMarkdown([{ id: v.subject, of: 'order' }]))}: ${cell(v.message)}`,
      );
    if (violations.length > MAX_LISTED_IDS) out.push(`- and ${violations.length - MAX_LISTED_IDS} more`);
  }
  out.push(...criticalPathMarkdown(journal));
  return `${out.join('\n')}\n`;
}

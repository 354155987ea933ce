import type { CheckAnalysis, CheckStatus } from '../history/analyze-suite.js';
import type { SuiteJson } from './suite-json.js';
import { sparkline } from './sparkline.js';

const ICON: Record<string, string> = { pass: '✅', fail: '❌', inconclusive: '⚠️', flaky: '🔀' };

const cell = (text: string): string =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([*_`[\]])/g, '\\$1');

const pct = (m: number | null | undefined): string =>
  m === null || m === undefined ? '–' : `${(m * 100).toFixed(1)}%`;
const signed = (d: number | undefined): string =>
  d === undefined ? '–' : `${d >= 0 ? '+' : ''}${(d * 100).toFixed(1)} pt`;

const SECTIONS: [CheckStatus, string][] = [
  ['regressed', 'Regressions'],
  ['new-failure', 'New failures'],
  ['failing', 'Still failing'],
  ['flaky', 'Flaky'],
  ['fixed', 'Fixed'],
  ['new', 'New checks'],
  ['removed', 'Removed checks'],
];

function line(c: CheckAnalysis): string {
  const m = c.tonight?.margin;
  const band = c.band
    ? ` (median ${pct(c.band.median)}, floor ${pct(c.band.floor)} over ${c.band.nights} nights)`
    : '';
  return `- \`${c.experiment}\` **${cell(c.check)}**: ${c.tonight?.outcome ?? 'not run'}, margin ${pct(m)}${c.delta === undefined ? '' : `, ${signed(c.delta)} against the median`}${band}`;
}

/**
 * `summary.md`, written for `$GITHUB_STEP_SUMMARY`: the score and the exit first, then
 * regressions and failures (and the other changes), then one table row per check with its
 * verdict, margin, change against the median and a 14-night sparkline. Pure.
 */
export function renderSuiteSummary(suite: SuiteJson): string {
  const a = suite.analysis;
  const out = [
    `# Faultline suite ${cell(suite.suiteId)}`,
    '',
    `Commit \`${suite.commit.slice(0, 12)}\` on \`${cell(suite.branch)}\` · ${suite.selection.experiments.length} experiment(s) × ${suite.trials} trial(s) · ` +
      `resilience score **${a ? a.score.toFixed(1) : '–'}** / 100 · exit **${suite.exit ?? '–'}** (fail on ${(suite.failOn ?? []).join(', ') || '–'})`,
    '',
  ];
  const regressions = a?.checks.filter((c) => c.regressed && c.status !== 'regressed') ?? [];
  for (const [status, title] of SECTIONS) {
    const list = (a?.checks ?? []).filter((c) => c.status === status);
    if (status === 'regressed') list.push(...regressions);
    if (list.length === 0) continue;
    out.push(`## ${title} (${list.length})`, '', ...list.map(line), '');
  }
  const errors = suite.runs.filter((r) => r.status === 'error');
  if (errors.length > 0)
    out.push(
      '## Trials that could not run',
      '',
      ...errors.map((r) => `- \`${r.experiment}\` trial ${r.trial}: ${cell(r.error ?? '')}`),
      '',
    );
  out.push('## Experiments', '', '| experiment | outcome | trials | mean duration |', '|---|---|---|---|');
  for (const e of a?.experiments ?? [])
    out.push(
      `| \`${e.experiment}\`${e.expect === 'fail' ? ' (pattern off)' : ''} | ${ICON[e.outcome] ?? ''} ${e.outcome} | ${e.trialVerdicts.join(', ')} | ${e.durationS.toFixed(1)} s |`,
    );
  out.push(
    '',
    '## Checks',
    '',
    '| experiment | check | verdict | margin | vs median | last 14 nights |',
    '|---|---|---|---|---|---|',
  );
  for (const c of a?.checks ?? []) {
    const outcome = c.tonight?.outcome ?? 'removed';
    const verdict = `${ICON[outcome] ?? ''} ${outcome}${c.regressed ? ' 📉 regressed' : ''}`;
    out.push(
      `| \`${c.experiment}\` | ${cell(c.check)} | ${verdict} | ${pct(c.tonight?.margin)} | ${signed(c.delta)} | \`${sparkline(c.sparkline) || ' '}\` |`,
    );
  }
  return `${out.join('\n')}\n`;
}

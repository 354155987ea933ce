import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { analyzeSuite } from '../../history/analyze-suite.js';
import type { CheckRow, SuiteRow } from '../../history/history-row.js';
import {
  passing,
  splitTonight,
  syntheticRows,
  type SyntheticNight,
} from '../../history/testing/synthetic-history.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../html/testing/report-page.js';
import { buildTrendData } from './trend-data.js';
import { renderTrendHtml } from './trend-html.js';

const NIGHTS = 20;

interface TrendStats {
  cells: number;
  outcomes: (string | null)[];
  links: string[];
  charts: { check: string | null; regressed: boolean; lines: number; band: number }[];
  score: number;
}

/** Evaluated in the page (a string: the project's TypeScript has no DOM library). */
const TREND_STATS = `(() => ({
  cells: document.querySelectorAll('td.cell').length,
  outcomes: [...document.querySelectorAll('td.cell')].map((c) => c.getAttribute('data-outcome')),
  links: [...document.querySelectorAll('td.cell a')].map((a) => a.href),
  charts: [...document.querySelectorAll('.chart')].map((c) => ({
    check: c.getAttribute('data-check'),
    regressed: c.classList.contains('regressed'),
    lines: c.querySelectorAll('polyline.series').length,
    band: c.querySelector('rect.band')?.getBoundingClientRect().height ?? 0,
  })),
  score: document.querySelector('svg.score-chart polyline')?.getAttribute('points')?.split(' ').length ?? 0,
}))()`;

/** 20 nights of two experiments; check `drop` of `alpha` regresses on the last night. */
function history(dir: string): { suites: SuiteRow[]; rows: CheckRow[] } {
  const steady = Array.from({ length: NIGHTS }, (_, i) => passing(0.5 + (i % 3) / 50));
  const drop: SyntheticNight[] = [...steady.slice(0, NIGHTS - 1), passing(0.05)];
  const flaky: SyntheticNight[] = steady.map((n, i) =>
    i === 7 ? { verdicts: ['pass', 'fail'], margins: [0.3, -0.2] } : n,
  );
  const rows = [
    ...syntheticRows(steady, { experiment: 'alpha', check: 'steady' }),
    ...syntheticRows(drop, { experiment: 'alpha', check: 'drop' }),
    ...syntheticRows(flaky, { experiment: 'beta', check: 'errors' }),
  ].map((r) => ({ ...r, runDir: join(dir, r.suiteId, r.experiment) }));
  const suites = [...new Set(rows.map((r) => r.suiteId))].map((suiteId, i): SuiteRow => ({
    suiteId,
    startedAt: rows.find((r) => r.suiteId === suiteId)!.startedAt,
    commit: `c${i}`,
    branch: 'main',
    machine: 'm',
    nodeVersion: 'v20',
    faultlineVersion: '0.1.0',
    selectionKey: 'k',
    trials: 2,
    score: 80 + (i % 4),
    suiteDir: null,
  }));
  return { suites, rows };
}

describe('trend.html in a real headless Chromium', function () {
  let browser: Browser;
  let dir: string;
  before(async function () {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    dir = await mkdtemp(join(tmpdir(), 'faultline-trend-'));
  });
  after(async function () {
    await browser?.close();
    if (process.env['FAULTLINE_KEEP_SCREENSHOT'] === undefined && dir)
      await rm(dir, { recursive: true, force: true });
  });

  it('draws the verdict grid, a margin chart per check with its band, the score, and links to kept reports, offline and without console errors', async function () {
    const { suites, rows } = history(dir);
    const { history: past, tonight } = splitTonight(rows);
    const analysis = analyzeSuite(past, tonight);
    // Only the reports of night 3 are kept.
    const kept = rows.filter((r) => r.suiteId === 'suite-0003');
    for (const r of kept) {
      await mkdir(r.runDir!, { recursive: true });
      await writeFile(join(r.runDir!, 'report.html'), '<!doctype html><title>r</title>');
    }
    const linkOf = (runDir: string): string | undefined =>
      kept.some((r) => r.runDir === runDir) ? `${runDir.slice(dir.length + 1)}/report.html` : undefined;
    const html = renderTrendHtml(buildTrendData(suites, rows, analysis, 'suite-0019', linkOf));
    const file = join(dir, 'trend.html');
    await writeFile(file, html);

    const context = await browser.newContext({ offline: true });
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith('file://')) requests.push(r.url());
    });
    await page.goto(`file://${file}`);
    const stats = await page.evaluate<TrendStats>(TREND_STATS);
    const shot = join(dir, 'trend.png');
    await page.screenshot({ path: shot, fullPage: true });
    await context.close();
    if (process.env['FAULTLINE_KEEP_SCREENSHOT'] !== undefined)
      process.stdout.write(`      screenshot: ${shot}\n`);

    assert.deepEqual(problems, []);
    assert.deepEqual(requests, []);
    assert.equal(stats.cells, 2 * NIGHTS, 'one cell per experiment and night');
    assert.equal(stats.outcomes.filter((o) => o === 'flaky').length, 1);
    assert.equal(stats.links.length, 2, 'links only where the folder is kept');
    assert.ok(stats.links.every((l) => l.endsWith('/report.html')));
    assert.equal(stats.charts.length, 3, 'one margin chart per check');
    assert.deepEqual(stats.charts[0]?.check, 'alpha/drop', 'the regressed check comes first');
    assert.equal(stats.charts[0]?.regressed, true);
    for (const c of stats.charts) {
      assert.ok(c.lines > 0, `${c.check} has a drawn series`);
      assert.ok(c.band > 0, `${c.check} shows its regression band`);
    }
    assert.equal(stats.score, NIGHTS, 'one score point per night');
    assert.ok((await stat(shot)).size > 5000, 'the screenshot is not blank');
  });
});

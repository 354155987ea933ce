/**
 * bench:history: a history of 365 nights × 20 experiments × 10 checks (one trial each, 73 000
 * rows). Prints how long the regression analysis of the last night and trend.html take (the issue
 * asks for under 2 s together), and, for reference, a DuckDB round trip of the same rows.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildTrendData } from '../../report/trend-html/trend-data.js';
import { renderTrendHtml } from '../../report/trend-html/trend-html.js';
import { analyzeSuite } from '../analyze-suite.js';
import type { CheckRow, SuiteRow } from '../history-row.js';
import { HistoryStore } from '../history-store.js';
import { nightTime } from '../testing/synthetic-history.js';

const NIGHTS = 365;
const EXPERIMENTS = 20;
const CHECKS = 10;

function rows(): CheckRow[] {
  const out: CheckRow[] = [];
  let seed = 42;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let n = 0; n < NIGHTS; n++)
    for (let e = 0; e < EXPERIMENTS; e++)
      for (let c = 0; c < CHECKS; c++) {
        const margin =
          Math.round((0.5 + (random() - 0.5) * 0.2 - (n === NIGHTS - 1 && c === 0 ? 0.4 : 0)) * 1000) / 1000;
        out.push({
          suiteId: `suite-${n}`,
          startedAt: nightTime(n),
          commit: `c${n}`,
          branch: 'main',
          experiment: `experiment-${e}`,
          trial: 1,
          check: `check-${c}`,
          title: `check ${c}`,
          kind: 'promql',
          verdict: random() < 0.01 ? 'fail' : 'pass',
          observed: margin,
          objective: '< 1',
          margin,
          expect: 'pass',
          runVerdict: 'pass',
          durationS: 100,
          runDir: null,
        });
      }
  return out;
}

const ms = (t0: number): string => `${(performance.now() - t0).toFixed(0)} ms`;

const all = rows();
const suites: SuiteRow[] = Array.from({ length: NIGHTS }, (_, n) => ({
  suiteId: `suite-${n}`,
  startedAt: nightTime(n),
  commit: `c${n}`,
  branch: 'main',
  machine: 'bench',
  nodeVersion: process.version,
  faultlineVersion: '0.1.0',
  selectionKey: 'k',
  trials: 1,
  score: 90,
  suiteDir: null,
}));
const last = `suite-${NIGHTS - 1}`;
const past = all.filter((r) => r.suiteId !== last);
const tonight = all.filter((r) => r.suiteId === last);
console.log(`history: ${NIGHTS} nights × ${EXPERIMENTS} experiments × ${CHECKS} checks = ${all.length} rows`);

const t0 = performance.now();
const analysis = analyzeSuite(past, tonight);
const tAnalysis = performance.now() - t0;
const t1 = performance.now();
const html = renderTrendHtml(buildTrendData(suites, all, analysis, last, () => undefined));
const tTrend = performance.now() - t1;
console.log(
  `regression analysis: ${tAnalysis.toFixed(0)} ms (${analysis.checks.filter((c) => c.regressed).length} regressed of ${analysis.checks.length} checks)`,
);
console.log(`trend.html: ${tTrend.toFixed(0)} ms (${(html.length / 1024).toFixed(0)} KiB)`);
console.log(`analysis + trend.html: ${(tAnalysis + tTrend).toFixed(0)} ms (budget 2000 ms)`);

const dir = await mkdtemp(join(tmpdir(), 'faultline-bench-history-'));
try {
  const store = await HistoryStore.open(join(dir, 'h.duckdb'), { init: true, write: true });
  let t = performance.now();
  for (const s of suites)
    await store.append(
      s,
      all.filter((r) => r.suiteId === s.suiteId),
    );
  console.log(`duckdb: append ${NIGHTS} nights ${ms(t)}`);
  t = performance.now();
  const read = await store.readChecks('main', 90);
  console.log(`duckdb: read the last 90 nights (${read.length} rows) ${ms(t)}`);
  await store.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}

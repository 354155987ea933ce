import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { analyzeSuite } from '../history/analyze-suite.js';
import type { CheckRow, SuiteRow } from '../history/history-row.js';
import { HistoryStore } from '../history/history-store.js';
import { buildTrendData, TREND_NIGHTS } from '../report/trend-html/trend-data.js';
import { renderTrendHtml } from '../report/trend-html/trend-html.js';
import { suiteExit, type FailOn } from './fail-on.js';
import { mergeShards, type ShardInput } from './merge-shards.js';
import { renderSuiteJunit } from './suite-junit.js';
import type { SuiteJson } from './suite-json.js';
import { renderSuiteSummary } from './suite-summary.js';

export interface FinishSuiteOptions {
  /** Shard outputs with their folders (absolute). */
  shards: { suite: SuiteJson; dir: string }[];
  /** Where suite.json, junit.xml, summary.md and trend.html go. */
  outDir: string;
  /** The history file to read and append to, or null for none. */
  history: { path: string; init: boolean } | null;
  failOn: readonly FailOn[];
  log: (line: string) => void;
}

/**
 * The merge step: combines shard outputs, judges tonight against the history, writes the suite's
 * outputs, then appends tonight to the history under its lock. The only writer of the history.
 */
export async function finishSuite(
  o: FinishSuiteOptions,
): Promise<{ suite: SuiteJson; files: Record<string, string> }> {
  const inputs: ShardInput[] = o.shards.map((s) => ({
    suite: s.suite,
    dir: relative(o.outDir, s.dir) || '.',
  }));
  const merged = mergeShards(inputs);
  const store = o.history
    ? await HistoryStore.open(o.history.path, { write: true, init: o.history.init })
    : undefined;
  try {
    const past = store ? await store.readChecks(merged.branch, TREND_NIGHTS) : [];
    const pastSuites = store ? await store.readSuites() : [];
    const analysis = analyzeSuite(past, merged.rows);
    const suite: SuiteJson = {
      ...merged,
      analysis,
      failOn: [...o.failOn],
      exit: suiteExit(analysis, merged.runs, o.failOn),
      history: o.history ? resolve(o.history.path) : null,
    };
    const absolute = (runDir: string): string => (isAbsolute(runDir) ? runDir : resolve(o.outDir, runDir));
    const tonightRows: CheckRow[] = merged.rows.map((r) => ({
      ...r,
      runDir: r.runDir === null ? null : absolute(r.runDir),
    }));
    const suiteRow: SuiteRow = {
      suiteId: merged.suiteId,
      startedAt: merged.startedAt,
      commit: merged.commit,
      branch: merged.branch,
      machine: merged.machine,
      nodeVersion: merged.nodeVersion,
      faultlineVersion: merged.faultlineVersion,
      selectionKey: merged.selection.key,
      trials: merged.trials,
      score: analysis.score,
      suiteDir: resolve(o.outDir),
    };
    const linkOf = (runDir: string): string | undefined => {
      const report = join(absolute(runDir), 'report.html');
      return existsSync(report) ? relative(o.outDir, report) : undefined;
    };
    const trend = buildTrendData(
      [...pastSuites, suiteRow],
      [...past, ...tonightRows],
      analysis,
      suite.suiteId,
      linkOf,
    );
    await mkdir(o.outDir, { recursive: true });
    const files = {
      'suite.json': join(o.outDir, 'suite.json'),
      'junit.xml': join(o.outDir, 'junit.xml'),
      'summary.md': join(o.outDir, 'summary.md'),
      'trend.html': join(o.outDir, 'trend.html'),
    };
    await writeFile(files['suite.json'], `${JSON.stringify(suite, null, 2)}\n`);
    await writeFile(files['junit.xml'], renderSuiteJunit(suite));
    await writeFile(files['summary.md'], renderSuiteSummary(suite));
    await writeFile(files['trend.html'], renderTrendHtml(trend));
    if (store) {
      await store.append(suiteRow, tonightRows);
      o.log(`history: appended ${tonightRows.length} row(s) of ${suite.suiteId} to ${o.history?.path}`);
    }
    return { suite, files };
  } finally {
    await store?.close();
  }
}

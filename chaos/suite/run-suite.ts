import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { rowsFromJournal } from '../history/rows-from-journal.js';
import type { CheckRow } from '../history/history-row.js';
import type { Journal } from '../report/journal.js';
import type { ShardSpec } from './shard.js';
import type { SuiteEntry } from './suite-entry.js';
import { SUITE_SCHEMA_VERSION, type SuiteJson, type SuiteOrigin, type SuiteRun } from './suite-json.js';

/** One trial's outcome: a journal and its folder, or why it could not run. */
export type TrialOutcome = { journal: Journal; dir: string } | { error: string; interrupted: boolean };

export interface RunSuiteOptions {
  /** The whole selection (for the record) and this shard's part of it. */
  selection: { key: string; tags: string[]; excludeTags: string[]; experiments: SuiteEntry[] };
  entries: SuiteEntry[];
  trials: number;
  shard: ShardSpec | null;
  /** Parent folder of `suite-<timestamp>/`. */
  outDir: string;
  origin: SuiteOrigin;
  now: () => Date;
  /** Runs one trial of one experiment, writing its run folder under `runsDir`. */
  runTrial: (entry: SuiteEntry, trial: number, runsDir: string) => Promise<TrialOutcome>;
  /** Stop starting trials (SIGINT). */
  signal: AbortSignal;
  log: (line: string) => void;
}

const stamp = (d: Date): string =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

/**
 * Runs every trial of this shard's experiments one after the other into `suite-<timestamp>/`
 * (each run folder kept: `<experiment>-t<trial>/<run id>/`; no retries) and writes the shard's
 * `suite.json`. Analysis, reports and history are the merge step's (finish-suite.ts).
 */
export async function runSuite(o: RunSuiteOptions): Promise<{ dir: string; suite: SuiteJson }> {
  const started = o.now();
  const suiteId = `suite-${stamp(started)}${o.shard ? `-shard${o.shard.index}of${o.shard.count}` : ''}`;
  const dir = join(o.outDir, suiteId);
  await mkdir(dir, { recursive: true });
  const runs: SuiteRun[] = [];
  const rows: CheckRow[] = [];
  for (const entry of o.entries)
    for (let trial = 1; trial <= o.trials; trial++) {
      if (o.signal.aborted) break;
      o.log(`${entry.id} trial ${trial}/${o.trials}`);
      const trialStart = o.now().toISOString();
      const outcome = await o.runTrial(entry, trial, join(dir, `${entry.id}-t${trial}`));
      if ('error' in outcome) {
        runs.push(errorRun(entry.id, trial, trialStart, o.now().toISOString(), outcome));
        continue;
      }
      const runDir = relative(dir, outcome.dir);
      const j = outcome.journal;
      runs.push({
        experiment: entry.id,
        trial,
        runId: j.runId,
        dir: runDir,
        verdict: j.verdict,
        exit: j.exit,
        status: j.status,
        startedAt: j.startedAt,
        endedAt: j.endedAt,
      });
      rows.push(
        ...rowsFromJournal(j, {
          suiteId,
          startedAt: started.toISOString(),
          commit: o.origin.commit,
          branch: o.origin.branch,
          experiment: entry.id,
          trial,
          runDir,
        }),
      );
    }
  const suite: SuiteJson = {
    schemaVersion: SUITE_SCHEMA_VERSION,
    suiteId,
    startedAt: started.toISOString(),
    endedAt: o.now().toISOString(),
    ...o.origin,
    selection: o.selection,
    trials: o.trials,
    shard: o.shard,
    mergedFrom: [],
    runs,
    rows,
  };
  await writeFile(join(dir, 'suite.json'), `${JSON.stringify(suite, null, 2)}\n`);
  return { dir, suite };
}

function errorRun(
  experiment: string,
  trial: number,
  startedAt: string,
  endedAt: string,
  e: { error: string; interrupted: boolean },
): SuiteRun {
  return {
    experiment,
    trial,
    runId: null,
    dir: null,
    verdict: 'inconclusive',
    exit: e.interrupted ? 'interrupted' : 'environment',
    status: 'error',
    startedAt,
    endedAt,
    error: e.error,
  };
}

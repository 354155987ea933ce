import { readdir, readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import type { ExitName } from '../exit-codes.js';
import { describeError } from '../errors.js';
import type { RunStatus } from '../report/journal.js';
import { parseJournal } from '../report/read-journal.js';
import type { Verdict } from '../verdict.js';

/** One past run, from its folder's `journal.json` (what `faultline list` shows). */
export interface RunRecord {
  runId: string;
  /** The run folder. */
  dir: string;
  /** The experiment file as the run was given it (relative to the run's cwd). */
  experimentFile: string;
  title: string;
  /** ISO 8601. */
  startedAt: string;
  status: RunStatus;
  verdict: Verdict;
  exit: ExitName;
}

/** Every readable run under a runs folder, and the journals that could not be read (with why). */
export interface RunHistory {
  runs: RunRecord[];
  unreadable: { file: string; problem: string }[];
}

/**
 * Reads `<runsDir>/<run>/journal.json` for every run folder (the runner writes one per run). A
 * missing runs folder is an empty history; a malformed or unknown-version journal is listed in
 * `unreadable` and skipped, so one bad folder never hides the others.
 */
export async function readRunHistory(runsDir: string): Promise<RunHistory> {
  let names: string[];
  try {
    const entries = await readdir(runsDir, { withFileTypes: true });
    names = entries.filter((e) => e.isDirectory()).map((e) => e.name);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { runs: [], unreadable: [] };
    throw err;
  }
  const history: RunHistory = { runs: [], unreadable: [] };
  for (const name of names.sort()) {
    const file = join(runsDir, name, 'journal.json');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue; // a folder without a journal (a run still starting, or not a run folder)
    }
    try {
      const j = parseJournal(text, file);
      history.runs.push({
        runId: j.runId,
        dir: join(runsDir, name),
        experimentFile: j.experimentFile,
        title: j.experiment.title,
        startedAt: j.startedAt,
        status: j.status,
        verdict: j.verdict,
        exit: j.exit,
      });
    } catch (err) {
      history.unreadable.push({ file, problem: describeError(err) });
    }
  }
  return history;
}

/**
 * The newest run of an experiment. A run belongs to the experiment when it was run from the same
 * file path; runs started with another path (another cwd) count when the title matches and no run
 * matches by path. Pure.
 */
export function lastRunOf(
  runs: readonly RunRecord[],
  experiment: { file: string; title: string },
): RunRecord | undefined {
  const file = normalize(experiment.file);
  const byFile = runs.filter((r) => normalize(r.experimentFile) === file);
  const candidates = byFile.length > 0 ? byFile : runs.filter((r) => r.title === experiment.title);
  return candidates.reduce<RunRecord | undefined>(
    (newest, r) => (newest === undefined || newerThan(r, newest) ? r : newest),
    undefined,
  );
}

function newerThan(a: RunRecord, b: RunRecord): boolean {
  if (a.startedAt !== b.startedAt) return a.startedAt > b.startedAt;
  return a.runId > b.runId;
}

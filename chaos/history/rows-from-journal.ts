import type { Journal } from '../report/journal.js';
import { checkMargin } from './check-margin.js';
import type { CheckRow } from './history-row.js';

/** Where a trial sits in the suite. */
export interface TrialContext {
  suiteId: string;
  startedAt: string;
  commit: string;
  branch: string;
  experiment: string;
  trial: number;
  runDir: string | null;
}

/** The history rows of one trial: one per check of its journal, with margins. Pure. */
export function rowsFromJournal(journal: Journal, ctx: TrialContext): CheckRow[] {
  const durationS = Math.max(0, (Date.parse(journal.endedAt) - Date.parse(journal.startedAt)) / 1000);
  return journal.checks.map((c) => {
    const margin = checkMargin(c, journal);
    return {
      ...ctx,
      check: c.id,
      title: c.title,
      kind: c.kind,
      verdict: c.verdict,
      observed: c.evidence.observed ?? null,
      objective: c.evidence.objective ?? null,
      margin: margin === undefined ? null : margin,
      expect: journal.experiment.expect,
      runVerdict: journal.verdict,
      durationS,
    };
  });
}

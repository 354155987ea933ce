import type { Journal } from '../journal.js';
import type { ReportContext } from '../report-context.js';
import type { RichText } from '../rich-text.js';
import { checkSentences, statusSentence } from './check-sentences.js';
import { doubleCaptureCauses, otherInvariantCauses, stuckOrderCauses } from './invariant-causes.js';
import {
  droppedLoadCauses,
  failedBeforeFaultCauses,
  faultErrorCauses,
  faultOverrunCauses,
  faultsDuringFailureCauses,
  guardAbortCauses,
  switchedOffCauses,
} from './run-causes.js';

/** Reads the journal and states one cause per line, each only from what the journal holds. */
export type CauseDeriver = (journal: Journal, ctx: ReportContext) => RichText[];

/**
 * Every cause deriver, most specific first. Adding a cause is one pure function plus one line
 * here; a deriver that cannot read its evidence says nothing rather than guess.
 */
export const CAUSE_DERIVERS: readonly CauseDeriver[] = [
  stuckOrderCauses,
  doubleCaptureCauses,
  otherInvariantCauses,
  guardAbortCauses,
  faultErrorCauses,
  faultOverrunCauses,
  failedBeforeFaultCauses,
  switchedOffCauses,
  faultsDuringFailureCauses,
  droppedLoadCauses,
];

/** Cause lines shown at most; the rest are counted. */
export const MAX_CAUSES = 8;

/** The "why it failed" block of a run that did not simply pass. */
export interface WhyItFailed {
  heading: string;
  /** One sentence per failed (or, for an inconclusive run, inconclusive) check; first how the run ended. */
  checks: RichText[];
  /** The most likely causes, from the evidence; empty when the journal supports none. */
  causes: RichText[];
}

/** The block for a journal, or undefined for a completed run that passed. Pure. */
export function whyItFailed(journal: Journal, ctx: ReportContext): WhyItFailed | undefined {
  if (journal.verdict === 'pass' && journal.status === 'completed') return undefined;
  const heading =
    journal.verdict === 'fail'
      ? 'Why it failed'
      : journal.verdict === 'inconclusive'
        ? 'Why it is inconclusive'
        : 'Why it stopped early';
  const status = statusSentence(journal);
  const causes = CAUSE_DERIVERS.flatMap((derive) => derive(journal, ctx));
  const shown = causes.slice(0, MAX_CAUSES);
  if (causes.length > MAX_CAUSES)
    shown.push([{ text: `and ${causes.length - MAX_CAUSES} more (see below).` }]);
  return {
    heading,
    checks: [...(status ? [status] : []), ...(journal.verdict === 'pass' ? [] : checkSentences(journal))],
    causes: shown,
  };
}

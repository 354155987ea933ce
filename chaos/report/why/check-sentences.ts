import type { ResolvedPlan } from '../../experiment/plan.js';
import { observedUnit } from '../check-unit.js';
import type { CheckResult } from '../../verdict.js';
import type { Journal } from '../journal.js';
import { formatNumber } from '../number-format.js';
import type { RichText } from '../rich-text.js';

/**
 * When a check was judged, as a phrase: `in inject`, `in baseline (before the fault)`, `after the
 * run` (invariants), `over the whole run`; undefined when the plan does not say. Pure.
 */
export function checkPhase(check: CheckResult, plan: ResolvedPlan): string | undefined {
  if (check.kind === 'invariant') return 'after the run';
  const steady = /^(.*)\.(baseline|recover)$/.exec(check.id);
  if (check.kind === 'steady-state' && steady !== null)
    return steady[2] === 'baseline' ? 'in baseline (before the fault)' : 'in recover (after the fault)';
  const planned = plan.checks.find((c) => c.id === check.id);
  if (planned === undefined) return undefined;
  if (planned.phase !== undefined) return `in ${planned.phase}`;
  if (planned.group === 'guard') return 'during inject';
  return 'over the whole run';
}

/**
 * One sentence per check that made the run fail (or, for an inconclusive run, per inconclusive
 * check): what it is, when it was judged, the number it observed and the objective it was held
 * to; the check's own reason when it observed no number. Pure.
 */
export function checkSentences(journal: Journal): RichText[] {
  const wanted = journal.verdict === 'fail' ? 'fail' : 'inconclusive';
  const plan = journal.experiment;
  return journal.checks
    .filter((c) => c.verdict === wanted)
    .map((c) => {
      const phase = checkPhase(c, plan);
      const verb = c.verdict === 'fail' ? 'failed' : 'was inconclusive';
      const head: RichText = [{ strong: c.title }, { text: ` (${c.id}) ${verb}${phase ? ` ${phase}` : ''}` }];
      const { observed, objective } = c.evidence;
      if (observed === undefined || objective === undefined || c.verdict !== 'fail')
        return [...head, { text: `: ${c.reason.replace(/\.$/, '')}.` }];
      return [
        ...head,
        { text: ': observed ' },
        { strong: `${formatNumber(observed)}${observedUnit(c, plan)}` },
        { text: ', objective ' },
        { code: objective },
        { text: '.' },
      ];
    });
}

/** A sentence about how the run ended, when it did not complete; undefined for a completed run. */
export function statusSentence(journal: Journal): RichText | undefined {
  if (journal.status === 'interrupted')
    return [
      { text: 'The run was interrupted before its checks were evaluated; only the guards were judged.' },
    ];
  if (journal.status === 'aborted')
    return [{ text: 'A guard aborted inject early; the checks judged what ran until then.' }];
  return undefined;
}

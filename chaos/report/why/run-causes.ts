import { formatToxicAttributes } from '../../experiment/plan.js';
import type { FaultWindow, Journal } from '../journal.js';
import { formatNumber } from '../number-format.js';
import type { ReportContext } from '../report-context.js';
import type { RichText } from '../rich-text.js';
import { formatInstant, formatOffset, formatSeconds } from '../run-clock.js';

/** Each guard abort: `Guard error-budget aborted inject at +12.0 s (…) after 3 consecutive breaches: rate 0.6 >= 0.5`. Pure. */
export function guardAbortCauses(journal: Journal, ctx: ReportContext): RichText[] {
  return journal.guardEvents
    .filter((g) => g.type === 'abort')
    .map((g) => [
      { text: 'Guard ' },
      { code: g.guard },
      {
        text: ` aborted inject at ${formatInstant(g.atMs, ctx.clock)} after ${g.consecutive} consecutive breaches: ${g.message.replace(/\.$/, '')}.`,
      },
    ]);
}

/** Faults whose application or removal reported errors, and faults never removed. Pure. */
export function faultErrorCauses(journal: Journal): RichText[] {
  return journal.faults.flatMap((f): RichText[] => {
    const out: RichText[] = [];
    const what: RichText = [{ text: 'Fault ' }, { code: f.name }, { text: ` (${f.kind} on ${f.target})` }];
    if (f.removedMs === undefined)
      out.push([...what, { text: ' was never removed: it stayed on to the end of the run.' }]);
    if (f.errors.length > 0)
      out.push([
        ...what,
        { text: ` reported ${f.errors.length === 1 ? 'an error' : 'errors'}: ${f.errors.join('; ')}.` },
      ]);
    return out;
  });
}

/**
 * The pattern switches the experiment turns off (`FAULTLINE_*: off` in a service's config), when the
 * run failed: the experiment removed a safeguard on purpose, and said so when it expects to fail. Pure.
 */
export function switchedOffCauses(journal: Journal): RichText[] {
  if (journal.verdict !== 'fail') return [];
  const parts = Object.entries(journal.experiment.environment.serviceConfig ?? {}).flatMap(
    ([service, config]) =>
      Object.entries(config ?? {})
        .filter(([key, value]) => /^FAULTLINE_/.test(key) && /^(off|false)$/i.test(String(value)))
        .map(([key]) => `${service} ${key}=off`),
  );
  if (parts.length === 0) return [];
  const intent = journal.experiment.expect === 'fail' ? ', as this pattern-off experiment intends' : '';
  return [
    [
      { text: `The experiment switches off ${parts.length === 1 ? 'a pattern' : 'patterns'} (` },
      ...parts.flatMap((p, i): RichText => (i === 0 ? [{ code: p }] : [{ text: ', ' }, { code: p }])),
      { text: `)${intent}.` },
    ],
  ];
}

/**
 * The faults that were on while a failed check's phase ran: `order-amqp-cut (link-down on
 * order-amqp) was on +8.0 s → +14.0 s, in inject, where inject-errors failed`. Pure.
 */
export function faultsDuringFailureCauses(journal: Journal): RichText[] {
  const failedByPhase = new Map<string, string[]>();
  for (const c of journal.checks) {
    if (c.verdict !== 'fail') continue;
    const phase = journal.experiment.checks.find((p) => p.id === c.id)?.phase ?? steadyPhase(c.id, c.kind);
    if (phase === undefined) continue;
    failedByPhase.set(phase, [...(failedByPhase.get(phase) ?? []), c.id]);
  }
  const runEndMs = Math.max(0, ...journal.phases.map((p) => p.endMs));
  return journal.faults.flatMap((f): RichText[] => {
    const endMs = f.removedMs ?? runEndMs;
    const phases = journal.phases.filter(
      (p) => failedByPhase.has(p.name) && f.appliedMs < p.endMs && endMs > p.startMs,
    );
    if (phases.length === 0) return [];
    const failed = phases.flatMap((p) => failedByPhase.get(p.name) ?? []);
    return [
      [
        { code: f.name },
        {
          text: ` (${faultWhat(journal, f)}) was on ${formatOffset(f.appliedMs)} → ${f.removedMs === undefined ? 'the end' : formatOffset(f.removedMs)}, in ${phases.map((p) => p.name).join(' and ')}, where `,
        },
        ...failed.flatMap((id, i): RichText => (i === 0 ? [{ code: id }] : [{ text: ', ' }, { code: id }])),
        { text: ' failed.' },
      ],
    ];
  });
}

/** `link-down on order-amqp`, or with a toxic's settings from the plan: `latency latency=400ms on payment-psp`. */
function faultWhat(journal: Journal, f: FaultWindow): string {
  const toxic = journal.experiment.faults.find((p) => p.name === f.name)?.toxic;
  const attributes = toxic === undefined ? '' : formatToxicAttributes(toxic.type, toxic.attributes);
  return toxic === undefined
    ? `${f.kind} on ${f.target}`
    : `${toxic.type}${attributes ? ` ${attributes}` : ''} on ${f.target}`;
}

function steadyPhase(id: string, kind: string): string | undefined {
  if (kind !== 'steady-state') return undefined;
  return /\.(baseline|recover)$/.exec(id)?.[1];
}

/** Dropped iterations: the load engine could not hold the arrival rate, so the fleet saw less load than planned. Pure. */
export function droppedLoadCauses(journal: Journal): RichText[] {
  const dropped = journal.load.summary.metrics['dropped_iterations']?.values['count'];
  if (typeof dropped !== 'number' || dropped <= 0) return [];
  return [
    [
      { strong: `${formatNumber(dropped)} iterations` },
      {
        text: ' were dropped: the load generator could not hold the arrival rate, so the fleet saw less load than planned.',
      },
    ],
  ];
}

/** A fault removed later than planned by more than this is reported (the run did not do what it planned). */
export const FAULT_OVERRUN_TOLERANCE_MS = 1000;

/**
 * Faults that stayed on well past their planned end: `psp-slow stayed on until +41.6 s, 24.6 s
 * past its planned end (+17.0 s), and past the end of the timeline (+24.0 s)`. Pure.
 */
export function faultOverrunCauses(journal: Journal): RichText[] {
  const timelineEndMs = Math.max(0, ...journal.phases.map((p) => p.endMs));
  return journal.faults.flatMap((f): RichText[] => {
    const planned = journal.experiment.faults.find((p) => p.name === f.name);
    if (planned === undefined || f.removedMs === undefined) return [];
    const overMs = f.removedMs - planned.endMs;
    if (overMs <= FAULT_OVERRUN_TOLERANCE_MS) return [];
    const pastEnd =
      f.removedMs > timelineEndMs
        ? `, and past the end of the timeline (${formatOffset(timelineEndMs)})`
        : '';
    return [
      [
        { code: f.name },
        {
          text: ` stayed on until ${formatOffset(f.removedMs)}, ${formatSeconds(overMs)} past its planned end (${formatOffset(planned.endMs)})${pastEnd}.`,
        },
      ],
    ];
  });
}

/**
 * Checks that failed in a phase that ended before the first fault was applied: the fault cannot
 * have caused them (`steady-errors.baseline failed in baseline, before any fault was applied`). Pure.
 */
export function failedBeforeFaultCauses(journal: Journal): RichText[] {
  if (journal.faults.length === 0) return [];
  const firstFaultMs = Math.min(...journal.faults.map((f) => f.appliedMs));
  return journal.checks.flatMap((c): RichText[] => {
    if (c.verdict !== 'fail') return [];
    const phaseName =
      journal.experiment.checks.find((p) => p.id === c.id)?.phase ?? steadyPhase(c.id, c.kind);
    const phase = journal.phases.find((p) => p.name === phaseName);
    if (phase === undefined || phase.endMs > firstFaultMs) return [];
    return [
      [
        { code: c.id },
        {
          text: ` failed in ${phase.name}, which ended (${formatOffset(phase.endMs)}) before the first fault was applied (${formatOffset(firstFaultMs)}): the fault did not cause it.`,
        },
      ],
    ];
  });
}

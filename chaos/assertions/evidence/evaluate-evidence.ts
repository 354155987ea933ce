import type { CheckResult, Evidence, Verdict } from '../../verdict.js';
import { combineVerdicts } from '../../verdict.js';
import type { EvidenceObservation, EvidenceRequirement } from './fault-evidence.js';

/**
 * Judges whether the fault took effect. Pure. The verdict is `pass` (evidence seen) or
 * `inconclusive` (no data, too few samples, or an effect smaller than required) — never `fail`:
 * a fault that did not bite says nothing about the system under test.
 */
export function evaluateEvidence(req: EvidenceRequirement, obs: EvidenceObservation): CheckResult {
  const make = (verdict: Verdict, reason: string, evidence: Evidence = {}): CheckResult => ({
    id: req.id,
    kind: 'evidence',
    title: req.title,
    verdict,
    reason,
    evidence: {
      objective: describeRequirement(req),
      ...evidence,
      ...(obs.traceIds ? { traceIds: obs.traceIds } : {}),
    },
  });
  const minSamples = req.minSamples ?? 1;
  const needsBaseline = req.kind !== 'present';
  const missing = missingData(obs, needsBaseline, minSamples);
  if (missing !== undefined)
    return make('inconclusive', `no evidence that the fault took effect: ${missing}`);
  const fault = obs.fault!;
  const baseline = obs.baseline ?? 0;
  const observed = effectSize(req.kind, fault, baseline);
  const samples = obs.faultSamples;
  const unit = req.unit === undefined || req.kind === 'factor' ? '' : ` ${req.unit}`;
  const measured =
    `${describeEffect(req.kind)} ${round(observed)}${unit}` +
    (needsBaseline ? ` (baseline ${round(baseline)}, during fault ${round(fault)})` : '');
  const evidence: Evidence = {
    observed,
    ...(samples === undefined ? {} : { samples }),
    details: { baseline: obs.baseline, fault },
  };
  if (observed >= req.min) return make('pass', `the fault took effect: ${measured}`, evidence);
  return make(
    'inconclusive',
    `no evidence that the fault took effect: ${measured}, below the required ${req.min}${unit}`,
    evidence,
  );
}

/**
 * Folds the checks of a run with its required evidence: any failed check fails the run (a broken
 * objective is real even if the fault did not bite); otherwise missing evidence makes the run
 * inconclusive; a run with required evidence and nothing else to judge passes only on its evidence.
 */
export function foldWithEvidence(checks: readonly CheckResult[], evidence: readonly CheckResult[]): Verdict {
  return combineVerdicts([...checks, ...evidence].map((c) => c.verdict));
}

function missingData(
  obs: EvidenceObservation,
  needsBaseline: boolean,
  minSamples: number,
): string | undefined {
  if (!isFiniteNumber(obs.fault)) return 'no measurement while the fault was active';
  if (needsBaseline && !isFiniteNumber(obs.baseline)) return 'no baseline measurement before the fault';
  if (obs.faultSamples !== undefined && obs.faultSamples < minSamples) {
    return `${obs.faultSamples} samples while the fault was active, fewer than ${minSamples}`;
  }
  if (needsBaseline && obs.baselineSamples !== undefined && obs.baselineSamples < minSamples) {
    return `${obs.baselineSamples} baseline samples, fewer than ${minSamples}`;
  }
  return undefined;
}

function effectSize(kind: EvidenceRequirement['kind'], fault: number, baseline: number): number {
  switch (kind) {
    case 'rise':
      return fault - baseline;
    case 'drop':
      return baseline - fault;
    case 'factor':
      // A zero baseline with a positive fault value is an unbounded rise.
      return baseline === 0 ? (fault > 0 ? Infinity : 0) : fault / baseline;
    case 'present':
      return fault;
  }
}

function describeEffect(kind: EvidenceRequirement['kind']): string {
  switch (kind) {
    case 'rise':
      return 'rose by';
    case 'drop':
      return 'dropped by';
    case 'factor':
      return 'changed by a factor of';
    case 'present':
      return 'observed';
  }
}

function describeRequirement(req: EvidenceRequirement): string {
  const unit = req.unit === undefined || req.kind === 'factor' ? '' : ` ${req.unit}`;
  return `${req.kind} >= ${req.min}${unit}`;
}

function isFiniteNumber(v: number | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function round(v: number): number {
  return Number.isFinite(v) ? Math.round(v * 1000) / 1000 : v;
}

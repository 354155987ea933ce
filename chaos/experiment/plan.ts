import { resolveToxicAttributes, TOXIC_ATTRIBUTES, type ToxicSpec } from '../faults/fault-spec.js';
import { describeCriticalPathAssertion } from '../assertions/critical-path/critical-path-assertion.js';
import type { CheckKind } from '../verdict.js';
import type { CheckSpec, Phase } from './check-spec.js';
import { parseDurationMs } from './duration.js';
import { PHASES, type Experiment, type FaultSpec } from './experiment-schema.js';

/** A lease not given in the file: the fault's duration plus this margin (ms). */
export const DEFAULT_LEASE_MARGIN_MS = 30_000;

export interface PlanPhase {
  name: Phase;
  /** Offsets from the start of the run (ms). */
  startMs: number;
  endMs: number;
  /** Load arrival rate (iterations per time unit, default per second). */
  rate: number;
}

export interface PlanFault {
  name: string;
  kind: FaultSpec['kind'];
  /** The link, the service, or `broker`. */
  target: string;
  toxic?: { type: ToxicSpec['type']; stream: string; toxicity: number; attributes: Record<string, number> };
  /** Absolute offsets from the start of the run (ms). */
  startMs: number;
  endMs: number;
  /** The longest the fault may stay applied, even if the controller dies (ms). */
  leaseMs: number;
}

export interface PlanCheck {
  id: string;
  group: 'steady-state' | 'assertion' | 'guard' | 'evidence';
  kind: CheckKind;
  title: string;
  phase?: Phase;
  /** The check as written in the file (defaults filled in). */
  spec: CheckSpec;
}

export interface PlanGuard {
  name: string;
  checkId: string;
  consecutive: number;
  intervalMs: number;
}

/** Everything a run will do, with absolute offsets. Pure data; the runner and the journal use it. */
export interface ResolvedPlan {
  title: string;
  description: string;
  pattern?: string;
  expect: Experiment['expect'];
  seed: number;
  /** Catalog tags (may be empty). */
  tags: string[];
  /** Expected duration (ms): `weight`, or the sum of the phases. */
  weightMs: number;
  environment: Experiment['environment'];
  load: Omit<Experiment['load'], 'rate'>;
  totalMs: number;
  phases: PlanPhase[];
  faults: PlanFault[];
  guards: PlanGuard[];
  checks: PlanCheck[];
  invariants: Experiment['invariants'];
}

const ms = (d: string): number => parseDurationMs(d) ?? 0;

/** A one-line description of what a check measures. */
export function describeCheck(spec: CheckSpec): string {
  switch (spec.type) {
    case 'trace':
      return describeTraceCheck(spec);
    case 'promql':
      return `promql \`${spec.query}\` ${spec.objective}`;
    case 'threshold':
      return `${spec.metric}: ${spec.thresholds.join(', ')}`;
    case 'recovery':
      return `${spec.objective} (${spec.sli} ${spec.sliObjective})`;
    case 'critical-path':
      return describeCriticalPathAssertion(spec);
  }
}

function describeTraceCheck(spec: Extract<CheckSpec, { type: 'trace' }>): string {
  switch (spec.kind) {
    case 'count':
      return `count of \`${spec.select}\` ${spec.objective}`;
    case 'rate':
      return `share of \`${spec.select}\` matching \`${spec.match}\` ${spec.objective}`;
    case 'duration':
      return `${spec.stat} duration of \`${spec.select}\` ${spec.objective}`;
    case 'attribute':
      return `\`${spec.select}\` has ${spec.key} in [${spec.allowed.join(', ')}]`;
    case 'status':
      return `\`${spec.select}\` has status in [${spec.allowed.join(', ')}]`;
    case 'every-trace':
      return `every trace with \`${spec.when}\` has ${spec.require.map((r) => `\`${r}\``).join(', ')}`;
    case 'no-trace':
      return `no trace with \`${spec.when}\` has \`${spec.forbid}\``;
    case 'propagation':
      return `propagation: linked ${spec.linked ?? '>= 0.99'}, orphans ${spec.orphans ?? '<= 0.01'}`;
  }
}

function planCheck(spec: CheckSpec, group: PlanCheck['group'], fallbackId: string): PlanCheck {
  const kind: CheckKind = group === 'assertion' ? spec.type : group;
  const phase = spec.phase;
  return {
    id: spec.id ?? fallbackId,
    group,
    kind,
    title: spec.title ?? describeCheck(spec),
    ...(phase ? { phase } : {}),
    spec,
  };
}

function planFault(fault: FaultSpec, injectStartMs: number): PlanFault {
  const startMs = injectStartMs + ms(fault.at);
  const durationMs = ms(fault.duration);
  const base = {
    name: fault.name,
    kind: fault.kind,
    startMs,
    endMs: startMs + durationMs,
    leaseMs: fault.lease === undefined ? durationMs + DEFAULT_LEASE_MARGIN_MS : ms(fault.lease),
  };
  if (fault.kind === 'toxic') {
    const { type, stream, toxicity } = fault.toxic;
    const attributes = resolveToxicAttributes(fault.toxic);
    return { ...base, target: fault.link, toxic: { type, stream, toxicity, attributes } };
  }
  if (fault.kind === 'link-down') return { ...base, target: fault.link };
  if ('service' in fault) return { ...base, target: fault.service };
  return { ...base, target: 'broker' };
}

/** Resolves a validated experiment into its plan. Pure: touches no network and no process. */
export function planExperiment(experiment: Experiment): ResolvedPlan {
  let offset = 0;
  const phases = PHASES.map((name): PlanPhase => {
    const startMs = offset;
    offset += ms(experiment.phases[name]);
    return { name, startMs, endMs: offset, rate: experiment.load.rate[name] };
  });
  const injectStart = phases[2]?.startMs ?? 0;
  const guardChecks = experiment.guards.map((g) => planCheck(g.check, 'guard', `guard-${g.name}`));
  const { rate: _rate, ...load } = experiment.load;
  return {
    title: experiment.title,
    description: experiment.description,
    ...(experiment.pattern === undefined ? {} : { pattern: experiment.pattern }),
    expect: experiment.expect,
    seed: experiment.seed,
    tags: [...experiment.tags],
    weightMs: experiment.weight === undefined ? offset : ms(experiment.weight),
    environment: experiment.environment,
    load,
    totalMs: offset,
    phases,
    faults: experiment.faults.map((f) => planFault(f, injectStart)).sort((a, b) => a.startMs - b.startMs),
    guards: experiment.guards.map((g, i) => ({
      name: g.name,
      checkId: guardChecks[i]?.id ?? g.name,
      consecutive: g.consecutive,
      intervalMs: ms(g.interval),
    })),
    checks: [
      ...experiment.steadyState.map((c, i) => planCheck(c, 'steady-state', `steady-state-${i + 1}`)),
      ...guardChecks,
      ...experiment.assertions.map((c, i) => planCheck(c, 'assertion', `assertion-${i + 1}`)),
      planCheck(experiment.evidence, 'evidence', 'evidence'),
    ],
    invariants: experiment.invariants,
  };
}

/** Units for a toxic's attributes, e.g. `latency=800ms jitter=300ms`. */
export function formatToxicAttributes(type: ToxicSpec['type'], attributes: Record<string, number>): string {
  return Object.entries(attributes)
    .map(
      ([k, v]) =>
        `${k}=${v}${TOXIC_ATTRIBUTES[type][k]?.unit === 'bytes' ? ' bytes' : (TOXIC_ATTRIBUTES[type][k]?.unit ?? '')}`,
    )
    .join(' ');
}

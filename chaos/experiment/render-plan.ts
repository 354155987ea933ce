import { formatDurationMs } from './duration.js';
import { formatToxicAttributes, type ResolvedPlan } from './plan.js';

const at = (ms: number): string => `+${formatDurationMs(ms)}`.padEnd(8);

/** The plan as text for `faultline plan`: timeline, faults, load, guards, checks. Pure. */
export function renderPlan(plan: ResolvedPlan): string {
  const out: string[] = [];
  out.push(`experiment  ${plan.title}`);
  if (plan.pattern) out.push(`pattern     ${plan.pattern}`);
  out.push(`expect      ${plan.expect}    seed ${plan.seed}    environment ${plan.environment.mode}`);
  out.push(
    `load        ${plan.load.journey} journey, ${plan.load.engine} engine, total ${formatDurationMs(plan.totalMs)}`,
  );
  out.push('', 'timeline');
  for (const p of plan.phases) {
    out.push(
      `  ${at(p.startMs)} ${p.name.padEnd(9)} ${formatDurationMs(p.endMs - p.startMs).padEnd(7)} ${p.rate} it/s`,
    );
    for (const f of plan.faults.filter((x) => x.startMs >= p.startMs && x.startMs < p.endMs)) {
      out.push(`  ${at(f.startMs)}   apply  ${f.name}`);
    }
    for (const f of plan.faults.filter((x) => x.endMs > p.startMs && x.endMs <= p.endMs)) {
      out.push(`  ${at(f.endMs)}   remove ${f.name}`);
    }
  }
  out.push(`  ${at(plan.totalMs)} end`, '', 'faults');
  for (const f of plan.faults) {
    const toxic = f.toxic
      ? ` ${f.toxic.type} ${f.toxic.stream} toxicity=${f.toxic.toxicity} ${formatToxicAttributes(f.toxic.type, f.toxic.attributes)}`
      : '';
    out.push(`  ${f.name}: ${f.kind} on ${f.target}${toxic}`);
    out.push(
      `    window ${at(f.startMs).trim()} to +${formatDurationMs(f.endMs)}, lease ${formatDurationMs(f.leaseMs)}`,
    );
  }
  const allow = plan.environment.allow;
  out.push(
    '',
    `allowed     links [${allow.links.join(', ')}] services [${allow.services.join(', ')}] ` +
      `broker ${allow.brokerDisposable ? 'disposable' : 'not touched'}`,
  );
  if (plan.guards.length > 0) out.push('', 'guards');
  for (const g of plan.guards) {
    out.push(
      `  ${g.name}: abort inject after ${g.consecutive} consecutive breaches, every ${formatDurationMs(g.intervalMs)} (${g.checkId})`,
    );
  }
  out.push('', 'checks');
  for (const c of plan.checks) {
    out.push(`  [${c.group}] ${c.id} (${c.kind}${c.phase ? `, ${c.phase}` : ''}): ${c.title}`);
  }
  const inv = plan.invariants;
  out.push('', `invariants  ${inv.reconcile ? `reconcile: ${inv.checks.join(', ')}` : 'off'}`);
  return `${out.join('\n')}\n`;
}

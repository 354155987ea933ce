import type { ResolvedPlan } from '../experiment/plan.js';

/**
 * One progress line: phase, time left in it and in the run, the load engine's own line (rate,
 * p99, errors) and the number of active faults. Pure.
 */
export function progressLine(
  plan: ResolvedPlan,
  nowMs: number,
  loadLine: string,
  activeFaults: number,
): string {
  const phase = plan.phases.find((p) => nowMs >= p.startMs && nowMs < p.endMs) ?? plan.phases.at(-1);
  const left = (ms: number): string => `${Math.max(0, Math.ceil(ms / 1000))}s`;
  const phaseText = phase ? `${phase.name} (${left(phase.endMs - nowMs)} left)` : 'done';
  const load = loadLine.replace(/^\[[^\]]*\]\s*/, '');
  return `${phaseText} · run ${left(plan.totalMs - nowMs)} left · ${load || 'no load yet'} · ${activeFaults} active fault(s)`;
}

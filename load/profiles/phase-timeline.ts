import { durationMs } from './duration.js';
import type { ExecutorConfig, LoadProfile, Phase } from './profile.js';

/** When a phase starts and how long it runs, relative to the start of the run (ms). */
export interface PhaseWindow {
  phase: Phase;
  startMs: number;
  durationMs: number;
}

/** How long an executor schedules iterations (ms), excluding any graceful stop. */
export function executorDurationMs(executor: ExecutorConfig): number {
  switch (executor.executor) {
    case 'constant-arrival-rate':
    case 'constant-vus':
      return durationMs(executor.duration);
    case 'ramping-arrival-rate':
      return executor.stages.reduce((sum, stage) => sum + durationMs(stage.duration), 0);
  }
}

/** The phases of a profile laid end to end. Pure. */
export function phaseTimeline(profile: LoadProfile): PhaseWindow[] {
  let startMs = 0;
  return profile.phases.map((p) => {
    const window = { phase: p.phase, startMs, durationMs: executorDurationMs(p.executor) };
    startMs += window.durationMs;
    return window;
  });
}

/** Total scheduled time of a profile (ms). */
export function profileDurationMs(profile: LoadProfile): number {
  return phaseTimeline(profile).reduce((sum, w) => sum + w.durationMs, 0);
}

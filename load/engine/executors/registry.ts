import type { ExecutorConfig, ExecutorName } from '../../profiles/profile.js';
import { constantArrivalRate } from './constant-arrival-rate.js';
import { constantVus } from './constant-vus.js';
import type { Executor, PhaseContext } from './phase-context.js';
import { rampingArrivalRate } from './ramping-arrival-rate.js';

/** Every executor by its k6 name. Adding one is a file plus a line here. */
export const EXECUTOR_REGISTRY: { [K in ExecutorName]: Executor<Extract<ExecutorConfig, { executor: K }>> } =
  {
    'constant-arrival-rate': constantArrivalRate,
    'ramping-arrival-rate': rampingArrivalRate,
    'constant-vus': constantVus,
  };

/** Runs one phase with the executor its config names. */
export function runExecutor(config: ExecutorConfig, ctx: PhaseContext): Promise<void> {
  switch (config.executor) {
    case 'constant-arrival-rate':
      return EXECUTOR_REGISTRY['constant-arrival-rate'].run(config, ctx);
    case 'ramping-arrival-rate':
      return EXECUTOR_REGISTRY['ramping-arrival-rate'].run(config, ctx);
    case 'constant-vus':
      return EXECUTOR_REGISTRY['constant-vus'].run(config, ctx);
  }
}

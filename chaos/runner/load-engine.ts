import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinDriver } from '../../load/drivers/builtin-driver.js';
import type { LoadDriver, LoadRunOutcome, LoadRunRequest } from '../../load/drivers/load-driver.js';
import { selectDriver } from '../../load/drivers/select-driver.js';
import { checkK6Binary } from '../../load/drivers/k6-version.js';
import { FaultlineError } from '../errors.js';
import type { ResolvedPlan } from '../experiment/plan.js';

/** One load run of the timeline, whichever engine the experiment names. */
export interface RunLoad {
  engine: 'builtin' | 'k6' | 'k6-operator';
  /** How long it may take from launch to its first phase; default LOAD_START_LIMIT_MS (run-timeline.ts). */
  startLimitMs?: number;
  /**
   * Runs the load; resolves with the summary (per-second series, sub-metrics and dropped
   * iterations per phase, the same for both engines). Rejects with `ERR_LOAD_K6_*` when k6 fails.
   */
  run(request: Omit<LoadRunRequest, 'workDir'> & { signal: AbortSignal }): Promise<LoadRunOutcome>;
}

/** The built-in engine. */
export const builtinRunLoad: RunLoad = {
  engine: 'builtin',
  run: (request) => builtinDriver.run({ ...request, workDir: tmpdir() }),
};

/**
 * Picks the run's load engine before anything starts. `engine: k6` needs the bundled script
 * (`npm run build:k6` → dist/k6/faultline.js) and a k6 binary (on PATH or `K6_BIN`) that runs
 * (`k6 version`) and is a supported version; anything missing is an environment error (exit 5),
 * raised before the fleet is started.
 * @throws FaultlineError `ERR_RUN_K6_MISSING`, `ERR_LOAD_K6_MISSING` or `ERR_LOAD_K6_VERSION`
 */
export function selectRunLoad(
  plan: ResolvedPlan,
  repoDir: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  checkBinary: (k6Bin: string) => string = checkK6Binary,
): RunLoad {
  if (plan.load.engine !== 'k6') return builtinRunLoad;
  const script = join(repoDir, 'dist', 'k6', 'faultline.js');
  if (!existsSync(script))
    throw new FaultlineError(
      'ERR_RUN_K6_MISSING',
      `the k6 bundle ${script} is missing; run \`npm run build:k6\` first`,
    );
  let driver: LoadDriver;
  try {
    driver = selectDriver('k6', env, script, undefined, checkBinary);
  } catch (err) {
    if (err instanceof FaultlineError && err.code === 'ERR_INPUT_LOAD_K6_NOT_FOUND')
      throw new FaultlineError(
        'ERR_RUN_K6_MISSING',
        'the experiment asks for load.engine k6, but no k6 is on PATH and K6_BIN is not set; install k6 (docs/load.md) or use engine builtin',
      );
    throw err;
  }
  return k6RunLoad(driver);
}

/** k6 as the run's engine: the same journeys and profile (through `__ENV`), in a temp folder of its own. */
function k6RunLoad(driver: LoadDriver): RunLoad {
  return {
    engine: 'k6',
    async run(request) {
      const workDir = await mkdtemp(join(tmpdir(), 'faultline-k6-'));
      try {
        return await driver.run({ ...request, workDir });
      } finally {
        await rm(workDir, { recursive: true, force: true });
      }
    },
  };
}

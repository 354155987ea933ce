import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { selectDriver } from '../../load/drivers/select-driver.js';
import type { LoadDriver } from '../../load/drivers/load-driver.js';
import { runLoad, type BuiltinSummary, type FaultlineSummaryExtras } from '../../load/engine/run-load.js';
import type { K6SummaryData } from '../../load/engine/metrics/k6-summary.js';
import type { LoadProfile } from '../../load/profiles/profile.js';
import { FaultlineError } from '../errors.js';
import type { ResolvedPlan } from '../experiment/plan.js';

/** One load run of the timeline, whichever engine the experiment names. */
export interface RunLoad {
  engine: 'builtin' | 'k6';
  run(request: {
    profile: LoadProfile;
    baseUrl: string;
    apiKey: string;
    runId: string;
    signal: AbortSignal;
    progress: { stream: Writable; isTTY: boolean };
    /** Live metrics reader (the built-in engine only). */
    onLive?: (read: () => K6SummaryData) => void;
  }): Promise<BuiltinSummary>;
}

/** The built-in engine: its summary carries per-second series for the report's charts. */
export const builtinRunLoad: RunLoad = { engine: 'builtin', run: (request) => runLoad(request) };

/**
 * Picks the run's load engine before anything starts. `engine: k6` needs a k6 binary (on PATH or
 * `K6_BIN`) and the bundled script (`npm run build:k6` → dist/k6/faultline.js); either missing is
 * an environment error, raised before the fleet is started.
 * @throws FaultlineError `ERR_RUN_K6_MISSING`
 */
export function selectRunLoad(
  plan: ResolvedPlan,
  repoDir: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): RunLoad {
  if (plan.load.engine !== 'k6') return builtinRunLoad;
  const script = join(repoDir, 'dist', 'k6', 'faultline.js');
  let driver: LoadDriver;
  try {
    driver = selectDriver('k6', env, script);
  } catch (cause) {
    throw new FaultlineError(
      'ERR_RUN_K6_MISSING',
      'the experiment asks for load.engine k6, but no k6 is on PATH and K6_BIN is not set; install k6 or use engine builtin',
      { cause },
    );
  }
  if (!existsSync(script))
    throw new FaultlineError(
      'ERR_RUN_K6_MISSING',
      `the k6 bundle ${script} is missing; run \`npm run build:k6\` first`,
    );
  return k6RunLoad(driver);
}

/**
 * k6 as the run's engine: the same journeys and profile (through `__ENV`), read back from its
 * `handleSummary` JSON. k6 keeps no per-second series, so the report's client charts stay empty
 * (the server-side SLIs from Prometheus still show).
 */
function k6RunLoad(driver: LoadDriver): RunLoad {
  return {
    engine: 'k6',
    async run(request) {
      const workDir = await mkdtemp(join(tmpdir(), 'faultline-k6-'));
      try {
        const { onLive: _k6HasNoLiveMetrics, ...k6Request } = request;
        const outcome = await driver.run({ ...k6Request, workDir });
        // k6 keeps no per-second series; the phases come from the profile.
        const extras: FaultlineSummaryExtras = {
          engine: 'builtin',
          runId: request.runId,
          profile: request.profile.name,
          interrupted: request.signal.aborted,
          phases: [],
          timeSeries: [],
        };
        return { ...(outcome.summary as K6SummaryData), faultline: extras };
      } finally {
        await rm(workDir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Measures, with real k6 (`K6_BIN`) against the mini gateway: how long k6 takes from launch to its
 * first phase (the offset the runner anchors its timeline on), and dropped iterations per phase.
 * Prints numbers; never passes or fails. `node dist/load/bench/k6-startup.js [runs]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { k6Driver } from '../drivers/k6-driver.js';
import type { LoadProfile } from '../profiles/profile.js';
import { startMiniGateway } from '../testing/mini-gateway.js';

const k6 = process.env['K6_BIN'];
if (!k6) throw new Error('set K6_BIN to a k6 binary');
const runs = Number(process.argv[2] ?? 3);
const profile: LoadProfile = {
  name: 'startup',
  journey: 'checkout',
  phases: [
    {
      phase: 'baseline',
      executor: { executor: 'constant-arrival-rate', rate: 5, duration: '3s', preAllocatedVUs: 5 },
    },
    {
      phase: 'inject',
      executor: { executor: 'constant-arrival-rate', rate: 40, duration: '3s', preAllocatedVUs: 2 },
    },
  ],
};
const gateway = await startMiniGateway({ terminalAfterMs: 100 });
try {
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-k6-bench-'));
    const launchMs = Date.now();
    let startedMs = 0;
    try {
      const outcome = await k6Driver(k6, join(process.cwd(), 'dist', 'k6', 'faultline.js')).run({
        profile,
        baseUrl: gateway.baseUrl,
        apiKey: 'faultline-dev-key',
        runId: `bench-${i}`,
        workDir: dir,
        onStarted: (t) => (startedMs = t),
        onOutput: () => undefined,
      });
      const drops = ['baseline', 'inject'].map(
        (p) => `${p} ${outcome.view.value('dropped_iterations', 'count', { phase: p }) ?? 0}`,
      );
      const planned = 5 * 3 + 40 * 3;
      process.stdout.write(
        `run ${i + 1}: k6 first phase ${Math.round(startedMs - launchMs)} ms after launch; ` +
          `iterations ${outcome.view.value('iterations', 'count') ?? 0} of ${planned} planned; dropped: ${drops.join(', ')}\n`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  await gateway.close();
}

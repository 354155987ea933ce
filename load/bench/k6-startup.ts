/**
 * Measures, with real k6 (`K6_BIN`) against the mini gateway: how long k6 takes from launch to its
 * first phase (the offset the runner anchors its timeline on), dropped iterations per phase, and
 * k6's peak resident memory. `--vus N` pre-allocates N VUs in every phase (what a run that sizes
 * `preAllocatedVUs = maxVUs` pays at start-up). Prints numbers; never passes or fails.
 * `node dist/load/bench/k6-startup.js [runs] [--vus N]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { k6Driver } from '../drivers/k6-driver.js';
import type { LoadProfile } from '../profiles/profile.js';
import { startMiniGateway } from '../testing/mini-gateway.js';

const k6 = process.env['K6_BIN'];
if (!k6) throw new Error('set K6_BIN to a k6 binary');
const args = process.argv.slice(2);
const vusAt = args.indexOf('--vus');
const vus = vusAt >= 0 ? Number(args[vusAt + 1]) : undefined;
if (vus !== undefined && !(Number.isInteger(vus) && vus > 0 && vus <= 2000))
  throw new Error('--vus takes a whole number from 1 to 2000');
const runs = Number(args.find((a, i) => (vusAt < 0 || i !== vusAt + 1) && /^\d+$/.test(a)) ?? 3);
const sized = (own: number) =>
  vus === undefined ? { preAllocatedVUs: own } : { preAllocatedVUs: vus, maxVUs: vus };

/** Resident memory (KiB) of this process's children: k6 is the only one. */
function childRssKiB(): number {
  try {
    const out = execFileSync('ps', ['-o', 'rss=', '--ppid', String(process.pid)], { encoding: 'utf8' });
    return out.split('\n').reduce((sum, line) => sum + (Number(line.trim()) || 0), 0);
  } catch {
    return 0; // no child at this instant
  }
}
const profile: LoadProfile = {
  name: 'startup',
  journey: 'checkout',
  phases: [
    {
      phase: 'baseline',
      executor: { executor: 'constant-arrival-rate', rate: 5, duration: '3s', ...sized(5) },
    },
    {
      phase: 'inject',
      executor: { executor: 'constant-arrival-rate', rate: 40, duration: '3s', ...sized(2) },
    },
  ],
};
const gateway = await startMiniGateway({ terminalAfterMs: 100 });
try {
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-k6-bench-'));
    const launchMs = Date.now();
    let startedMs = 0;
    let peakKiB = 0;
    const sampler = setInterval(() => (peakKiB = Math.max(peakKiB, childRssKiB())), 200);
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
          `iterations ${outcome.view.value('iterations', 'count') ?? 0} of ${planned} planned; dropped: ${drops.join(', ')}; ` +
          `k6 peak RSS ${Math.round(peakKiB / 1024)} MiB${vus === undefined ? '' : ` (${vus} VUs pre-allocated)`}\n`,
      );
    } finally {
      clearInterval(sampler);
      rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  await gateway.close();
}

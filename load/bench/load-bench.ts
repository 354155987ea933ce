/**
 * `npm run bench:load`: numbers for the built-in engine on this machine, against the mini gateway
 * in a child process on loopback. Prints; never passes or fails. Bounded (about a minute):
 *   1. the highest arrival rate (browse iterations/s, 3 requests each) with zero dropped iterations,
 *      stepping up the rate, 3 s per step;
 *   2. rate accuracy (iterations started per second vs target) and CPU ms per 1000 requests per step;
 *   3. latency of GET /v1/products at a fixed rate, next to autocannon's measurement of the same
 *      server at the same rate.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { readSummary } from '../drivers/summary-reader.js';
import { runLoad } from '../engine/run-load.js';
import type { LoadProfile } from '../profiles/profile.js';

const API_KEY = 'faultline-dev-key';
const STEPS = [100, 200, 400, 600, 800, 1200, 1600, 2400];
const STEP_DURATION = '3s';
const LATENCY_RATE = 300;
const LATENCY_SECONDS = 5;

const server = spawn(process.execPath, [fileURLToPath(new URL('./serve-mini-gateway.js', import.meta.url))], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  const [baseUrl] = (await once(createInterface({ input: server.stdout }), 'line')) as [string];
  console.log(`load bench: mini gateway at ${baseUrl} (separate process), Node ${process.version}`);
  await rateSteps(baseUrl);
  await latencyComparison(baseUrl);
} finally {
  server.kill('SIGTERM');
}

function arrivalProfile(
  journey: LoadProfile['journey'],
  rate: number,
  duration: string,
  maxVUs: number,
): LoadProfile {
  return {
    name: 'bench',
    journey,
    gracefulStop: '5s',
    phases: [
      {
        phase: 'baseline',
        executor: { executor: 'constant-arrival-rate', rate, duration, preAllocatedVUs: 50, maxVUs },
      },
    ],
  };
}

async function rateSteps(baseUrl: string): Promise<void> {
  // Warm-up (JIT, first sockets), not reported, so the first step's CPU figure is comparable.
  await runLoad({
    profile: arrivalProfile('browse', 200, '2s', 400),
    baseUrl,
    apiKey: API_KEY,
    runId: 'bench-warmup',
  });
  console.log('\ntarget it/s | started it/s | accuracy | req/s  | dropped | p99 ms | CPU ms/1000 req');
  let best = 0;
  for (const rate of STEPS) {
    const cpuBefore = process.cpuUsage();
    const summary = await runLoad({
      profile: arrivalProfile('browse', rate, STEP_DURATION, 400),
      baseUrl,
      apiKey: API_KEY,
      runId: `bench-${rate}`,
    });
    const cpu = process.cpuUsage(cpuBefore);
    const view = readSummary(summary);
    const seconds = 3;
    const started = summary.faultline.timeSeries.reduce((n, s) => n + s.started, 0) / seconds;
    const reqs = view.value('http_reqs', 'count') ?? 0;
    const dropped = view.value('dropped_iterations', 'count') ?? 0;
    const cpuPer1000 = ((cpu.user + cpu.system) / 1000 / Math.max(reqs, 1)) * 1000;
    console.log(
      `${String(rate).padStart(11)} | ${started.toFixed(1).padStart(12)} | ${((started / rate) * 100).toFixed(1).padStart(7)}% | ${(reqs / seconds).toFixed(0).padStart(6)} | ${String(dropped).padStart(7)} | ${(view.value('http_req_duration', 'p(99)') ?? 0).toFixed(2).padStart(6)} | ${cpuPer1000.toFixed(1)}`,
    );
    if (dropped > 0) break;
    best = rate;
  }
  console.log(
    `highest rate with dropped_iterations == 0: ${best} iterations/s (${best * 3} req/s), browse journey`,
  );
}

async function latencyComparison(baseUrl: string): Promise<void> {
  const profile: LoadProfile = {
    name: 'bench-latency',
    journey: 'browse',
    phases: [
      {
        phase: 'baseline',
        executor: {
          executor: 'constant-arrival-rate',
          rate: LATENCY_RATE / 3,
          duration: `${LATENCY_SECONDS}s`,
          preAllocatedVUs: 20,
          maxVUs: 200,
        },
      },
    ],
  };
  const engine = readSummary(await runLoad({ profile, baseUrl, apiKey: API_KEY, runId: 'bench-latency' }));
  const tag = { name: 'GET /v1/products' };
  const ac = await autocannon({
    url: `${baseUrl}/v1/products`,
    headers: { 'x-api-key': API_KEY },
    connections: 10,
    overallRate: LATENCY_RATE,
    duration: LATENCY_SECONDS,
  });
  console.log(
    `\nlatency of GET /v1/products, same server (engine: ${LATENCY_RATE} req/s total, browse; autocannon: ${LATENCY_RATE} req/s, 10 connections)`,
  );
  console.log('tool        |    p50 |    p90 |    p99 |    max (ms)');
  const row = (name: string, v: (number | undefined)[]) =>
    console.log(`${name.padEnd(11)} | ${v.map((x) => (x ?? 0).toFixed(2).padStart(6)).join(' | ')}`);
  row(
    'faultline',
    ['med', 'p(90)', 'p(99)', 'max'].map((s) => engine.value('http_req_duration', s, tag)),
  );
  row('autocannon', [ac.latency.p50, ac.latency.p90, ac.latency.p99, ac.latency.max]);
  console.log('(autocannon reports whole milliseconds; the engine times dispatch to last body byte in µs)');
}

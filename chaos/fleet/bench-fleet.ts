/**
 * `npm run bench:fleet`: finds the highest order rate the fleet sustains with p99 time-to-terminal
 * (order accepted → completed, read from order_db) under 1 s, in three modes: through the embedded
 * fault proxy with tracing off and on (OTLP/HTTP export to the runner's in-process collector and
 * DuckDB store), and with direct connections and tracing off. Open model: orders are sent on a
 * fixed schedule whatever the responses. Prints the curve (rate → p50, p99, error share, terminal
 * share) and, with tracing on, the critical path of the first rate that misses, next to the last
 * rate that held, and where the CPU went per order at both (each service, PostgreSQL, RabbitMQ,
 * the bench process), with the rate that CPU cost allows on this machine's cores. After each mode
 * it runs `faultline reconcile`'s invariants on the fleet's stores.
 * Prints numbers; never passes or fails on them.
 *
 * Bounded: at most 14 rates × (8 s + drain ≤ 30 s) per mode, and a mode stops starting rates once
 * it has run `BENCH_MODE_SECONDS` (default 300); it stops at the first rate that misses.
 *
 * Environment: `BENCH_STEP_SECONDS` (8), `BENCH_MODE_SECONDS` (300), `BENCH_RATES` (a comma list
 * replacing the ladder), `BENCH_MODES` (comma list of `proxy`, `proxy-traced`, `direct`,
 * `overload`; default the first three).
 *
 * `overload` (through the proxy, tracing off): 2× the ceiling for `BENCH_OVERLOAD_SECONDS` (30),
 * then half the ceiling for `BENCH_NORMAL_SECONDS` (30), once per gateway shedding setting in
 * `BENCH_OVERLOAD_SHEDDING` (`on,off`); prints accepted, shed, other refusals, terminal within the
 * 30 s deadline, compensated and stranded per phase, then reconciles. The ceiling is
 * `BENCH_CEILING` when given, else measured first on the ladder (bounded as above). Each setting
 * is bounded: 60 s of sending, ≤ 35 s of settling, ≤ 60 s of reconcile.
 */
import { availableParallelism, loadavg } from 'node:os';
import {
  renderCurve,
  ceilingOf,
  DEFAULT_RATES,
  P99_LIMIT_MS,
  sustained,
  type CurvePoint,
} from './bench/rate-curve.js';
import { reconcileBench } from './bench/bench-reconcile.js';
import { compensationResends, runOverload } from './bench/bench-overload.js';
import { renderOverload } from './bench/overload-summary.js';
import { formatRefused, runStep, type StepRun } from './bench/bench-step.js';
import { printCriticalPath } from './bench/bench-critical-path.js';
import { formatConnections } from './bench/pool-sampler.js';
import { renderCpuPerOrder } from './bench/cpu-sampler.js';
import { startTestFleet, type TestFleet } from './fleet-harness.js';
import { startCollector, type Collector } from '../telemetry/collector.js';

const MODES = {
  proxy: { proxy: 'embedded', tracing: false, label: 'via proxy, tracing off' },
  'proxy-traced': { proxy: 'embedded', tracing: true, label: 'via proxy, tracing on' },
  direct: { proxy: 'direct', tracing: false, label: 'direct, tracing off' },
} as const;
type ModeName = keyof typeof MODES | 'overload';

const env = process.env;
const STEP_SECONDS = Number(env['BENCH_STEP_SECONDS'] ?? 8);
const MODE_SECONDS = Number(env['BENCH_MODE_SECONDS'] ?? 300);
const RATES = env['BENCH_RATES'] ? env['BENCH_RATES'].split(',').map(Number) : DEFAULT_RATES;
const modeNames = (env['BENCH_MODES'] ?? 'proxy,proxy-traced,direct').split(',') as ModeName[];
for (const m of modeNames)
  if (!(m in MODES) && m !== 'overload')
    throw new Error(`BENCH_MODES: unknown mode ${m} (proxy, proxy-traced, direct, overload)`);
const OVERLOAD_SECONDS = Number(env['BENCH_OVERLOAD_SECONDS'] ?? 30);
const NORMAL_SECONDS = Number(env['BENCH_NORMAL_SECONDS'] ?? 30);
const GIVEN_CEILING = env['BENCH_CEILING'] ? Number(env['BENCH_CEILING']) : undefined;
const SHEDDING = (env['BENCH_OVERLOAD_SHEDDING'] ?? 'on,off').split(',');
for (const s of SHEDDING)
  if (s !== 'on' && s !== 'off') throw new Error(`BENCH_OVERLOAD_SHEDDING: ${s} is neither on nor off`);

/** Machine cores, for the CPU ceiling (the fleet, PostgreSQL, RabbitMQ and the bench share them). */
const CORES = availableParallelism();
const cpuTable = (step: StepRun): string => renderCpuPerOrder(step.cpu, step.point.terminal, CORES);

async function benchMode(name: keyof typeof MODES): Promise<number> {
  const mode = MODES[name];
  const collector: Collector | undefined = mode.tracing ? await startCollector({ port: 0 }) : undefined;
  const fleet = await startTestFleet({
    proxy: mode.proxy,
    env: {
      LOG_LEVEL: 'error',
      ...(collector
        ? {
            OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
            OTEL_BSP_SCHEDULE_DELAY: '500',
            // The default queue (2048) drops spans above ~100 orders/s; the analysis needs them all.
            OTEL_BSP_MAX_QUEUE_SIZE: '65536',
          }
        : {}),
    },
    serviceEnv: { psp: { SIM_LATENCY_MS: '0' }, carrier: { SIM_LATENCY_MS: '0' } },
  });
  const points: CurvePoint[] = [];
  let held: StepRun | undefined;
  const started = Date.now();
  try {
    await runStep(fleet, 2, STEP_SECONDS); // warm-up (JIT, connection pools), not reported
    for (const rate of RATES) {
      if (Date.now() - started > MODE_SECONDS * 1000) {
        process.stdout.write(`${mode.label}: stopped before ${rate}/s, past the ${MODE_SECONDS} s budget\n`);
        break;
      }
      const step = await runStep(fleet, rate, STEP_SECONDS);
      points.push(step.point);
      const p = step.point;
      process.stdout.write(
        `${mode.label}  rate ${String(rate).padStart(3)}/s  sent ${p.sent}  accepted ${p.accepted}${formatRefused(step.refused)}  terminal ${p.terminal}  p50 ${p.p50Ms.toFixed(0)} ms  p99 ${Number.isFinite(p.p99Ms) ? p.p99Ms.toFixed(0) : 'n/a'} ms  connections busy/open ${formatConnections(step.connections)}  load ${loadavg()[0]!.toFixed(1)}\n`,
      );
      if (!sustained(p)) {
        if (held)
          process.stdout.write(`${mode.label}  last rate held, ${held.point.rate}/s: ${cpuTable(held)}`);
        process.stdout.write(`${mode.label}  first rate missed, ${rate}/s: ${cpuTable(step)}`);
        if (collector) await printCriticalPath(collector.store, step, held, process.stdout);
        break;
      }
      held = step;
    }
    if (held && points.every((p) => sustained(p)))
      process.stdout.write(`${mode.label}  highest rate tried, ${held.point.rate}/s: ${cpuTable(held)}`);
    await reconcileBench(fleet, process.stdout);
  } finally {
    await fleet.cleanup();
    await collector?.close();
  }
  const best = ceilingOf(points);
  const top = points.length === RATES.length && best === RATES[RATES.length - 1];
  process.stdout.write(
    `\n${mode.label}: curve\n${renderCurve(points)}${mode.label}: highest sustained rate with p99 time-to-terminal < ${P99_LIMIT_MS} ms: ${best} orders/s${top ? ' (the highest rate tried; the limit is above it)' : ''}${collector ? ` (${collector.stats.spansAccepted} spans received)` : ''}\n\n`,
  );
  return best;
}

/** Measures the ceiling on `fleet` with the ladder (bounded like a mode), at least 4 orders/s. */
async function measureCeiling(fleet: TestFleet): Promise<number> {
  const points: CurvePoint[] = [];
  const started = Date.now();
  await runStep(fleet, 2, STEP_SECONDS);
  for (const rate of RATES) {
    if (Date.now() - started > MODE_SECONDS * 1000) break;
    const step = await runStep(fleet, rate, STEP_SECONDS);
    points.push(step.point);
    process.stdout.write(
      `overload: ceiling ladder  rate ${rate}/s  p99 ${step.point.p99Ms.toFixed(0)} ms  load ${loadavg()[0]!.toFixed(1)}\n`,
    );
    if (!sustained(step.point)) break;
  }
  return Math.max(4, ceilingOf(points));
}

async function benchOverload(): Promise<void> {
  let ceiling = GIVEN_CEILING;
  for (const shedding of SHEDDING) {
    const fleet = await startTestFleet({
      proxy: 'embedded',
      env: { LOG_LEVEL: 'error' },
      serviceEnv: {
        psp: { SIM_LATENCY_MS: '0' },
        carrier: { SIM_LATENCY_MS: '0' },
        gateway: { FAULTLINE_SHEDDING: shedding },
      },
    });
    try {
      if (ceiling === undefined) ceiling = await measureCeiling(fleet);
      const tag = `shedding ${shedding}`;
      process.stdout.write(
        `overload, ${tag}: ceiling ${ceiling} orders/s${GIVEN_CEILING ? ' (given)' : ' (measured)'}, load ${loadavg()[0]!.toFixed(1)}\n`,
      );
      const { phases, customers } = await runOverload(
        fleet,
        [
          { name: 'overload', rate: 2 * ceiling, seconds: OVERLOAD_SECONDS },
          { name: 'normal', rate: Math.max(1, Math.round(ceiling / 2)), seconds: NORMAL_SECONDS },
        ],
        tag,
        process.stdout,
      );
      process.stdout.write(
        `\noverload, ${tag}: deadline 30 s, load ${loadavg()[0]!.toFixed(1)}\n${renderOverload(phases)}`,
      );
      await reconcileBench(fleet, process.stdout);
      const resends = await compensationResends(fleet, customers);
      process.stdout.write(
        `overload, ${tag}: compensation re-sends ${resends.total} (at most ${resends.maxPerOrder} for one order)\n\n`,
      );
    } finally {
      await fleet.cleanup();
    }
  }
}

const ceilings: Partial<Record<ModeName, number>> = {};
for (const m of modeNames)
  if (m === 'overload') await benchOverload();
  else ceilings[m] = await benchMode(m);
const { proxy, 'proxy-traced': traced, direct } = ceilings;
if (proxy && traced !== undefined)
  process.stdout.write(
    `tracing cost: ${((100 * (proxy - traced)) / proxy).toFixed(0)}% (${proxy} → ${traced} orders/s)\n`,
  );
if (direct && proxy !== undefined)
  process.stdout.write(
    `proxy cost: ${((100 * (direct - proxy)) / direct).toFixed(0)}% (${direct} → ${proxy} orders/s)\n`,
  );

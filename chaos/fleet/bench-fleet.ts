/**
 * `npm run bench:fleet`: finds the highest order rate the fleet sustains with p99 time-to-terminal
 * (order accepted → completed, read from order_db) under 1 s, in three modes: through the embedded
 * fault proxy with tracing off and on (OTLP/HTTP export to an in-process receiver), and with direct
 * connections and tracing off. Open model: orders are sent on a fixed schedule whatever the
 * responses. Prints numbers; never passes or fails on them. Bounded: at most 9 rates × 8 s per mode;
 * it stops at the first rate that misses the limit.
 */
import { fleetDb, placeOrder, startTestFleet, type TestFleet } from './fleet-harness.js';
import { startOtlpReceiver } from './otlp-test-receiver.js';

const RATES = [4, 8, 16, 24, 32, 48, 64, 96, 128];
const STEP_SECONDS = Number(process.env['BENCH_STEP_SECONDS'] ?? 8);
const P99_LIMIT_MS = 1000;

interface StepResult {
  rate: number;
  sent: number;
  terminal: number;
  p50Ms: number;
  p99Ms: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
}

async function runStep(fleet: TestFleet, rate: number): Promise<StepResult> {
  const customer = `bench-${rate}-${Date.now()}`;
  const sends: Promise<unknown>[] = [];
  const started = Date.now();
  const total = rate * STEP_SECONDS;
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
    sends.push(
      placeOrder(fleet, { customerId: customer, items: [{ sku: 'SKU-0001', quantity: 1 }] }).catch(
        () => undefined,
      ),
    );
  }
  await Promise.all(sends);
  const db = await fleetDb(fleet, 'order_db');
  try {
    const deadline = Date.now() + 30000;
    let rows: { ms: number | null }[] = [];
    while (Date.now() < deadline) {
      rows = (
        await db.query<{ ms: number | null }>(
          'select extract(epoch from (terminal_at - created_at)) * 1000 as ms from orders where customer_id = $1',
          [customer],
        )
      ).rows;
      if (rows.every((r) => r.ms !== null)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const done = rows
      .filter((r) => r.ms !== null)
      .map((r) => Number(r.ms))
      .sort((a, b) => a - b);
    const p99 = done.length === total ? percentile(done, 99) : Infinity;
    return { rate, sent: total, terminal: done.length, p50Ms: percentile(done, 50), p99Ms: p99 };
  } finally {
    await db.end();
  }
}

async function benchMode(tracing: boolean, proxy: 'embedded' | 'direct'): Promise<void> {
  const mode = `${proxy === 'embedded' ? 'via proxy' : 'direct   '}  tracing ${tracing ? 'on ' : 'off'}`;
  const otlp = tracing ? await startOtlpReceiver() : undefined;
  const env: Record<string, string> = otlp
    ? { OTEL_EXPORTER_OTLP_ENDPOINT: otlp.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }
    : {};
  const fleet = await startTestFleet({
    proxy,
    env: { ...env, LOG_LEVEL: 'error' },
    serviceEnv: { psp: { SIM_LATENCY_MS: '0' }, carrier: { SIM_LATENCY_MS: '0' } },
  });
  let best = 0;
  try {
    await runStep(fleet, 2); // warm-up (JIT, connection pools), not reported
    for (const rate of RATES) {
      const r = await runStep(fleet, rate);
      process.stdout.write(
        `${mode}  rate ${String(rate).padStart(3)}/s  sent ${r.sent}  terminal ${r.terminal}  p50 ${r.p50Ms.toFixed(0)} ms  p99 ${Number.isFinite(r.p99Ms) ? r.p99Ms.toFixed(0) : 'n/a'} ms\n`,
      );
      if (!(r.p99Ms < P99_LIMIT_MS)) break;
      best = rate;
    }
  } finally {
    await fleet.cleanup();
    await otlp?.close();
  }
  const ceiling = best === RATES[RATES.length - 1] ? ' (the highest rate tried; the limit is above it)' : '';
  process.stdout.write(
    `${mode}: highest sustained rate with p99 time-to-terminal < ${P99_LIMIT_MS} ms: ${best} orders/s${ceiling}${otlp ? ` (${otlp.spans.length} spans received)` : ''}\n`,
  );
}

await benchMode(false, 'embedded');
await benchMode(true, 'embedded');
await benchMode(false, 'direct');

import { fleetDb, placeOrder, type TestFleet } from '../fleet-harness.js';
import { sampleConnections, type DbConnections } from './pool-sampler.js';
import { sampleCpu, type CpuByPart } from './cpu-sampler.js';
import { percentile, type CurvePoint } from './rate-curve.js';

/** How long a step waits for its accepted orders to become terminal (ms). */
const DRAIN_MS = 30_000;

/** One rung of `bench:fleet`: the curve point, the step's window (epoch ms) for trace reads, and
 * the peak PostgreSQL connections each database held. */
export interface StepRun {
  point: CurvePoint;
  fromMs: number;
  toMs: number;
  connections: Record<string, DbConnections>;
  /** CPU ms each part used from the first send until the step's orders were drained. */
  cpu: CpuByPart;
  /** Sends not answered 202, by status (0: no answer), e.g. `{ 503: 5 }`. */
  refused: Record<number, number>;
}

/**
 * Sends `rate × seconds` orders through the gateway on a fixed schedule (open model: the sends
 * never wait on responses), then waits up to 30 s for the accepted ones to become terminal and
 * reads each one's time-to-terminal (`terminal_at - created_at`) from order_db.
 */
export async function runStep(fleet: TestFleet, rate: number, seconds: number): Promise<StepRun> {
  const customer = `bench-${rate}-${Date.now()}`;
  const sampler = await sampleConnections(fleet.dbPrefix);
  const cpuSampler = await sampleCpu(fleet.pids, fleet.dbPrefix);
  const sends: Promise<number>[] = [];
  let connections: Record<string, DbConnections> = {};
  const fromMs = Date.now();
  const total = Math.round(rate * seconds);
  for (let i = 0; i < total; i++) {
    const due = fromMs + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sends.push(
      placeOrder(fleet, { customerId: customer, items: [{ sku: 'SKU-0001', quantity: 1 }] }).then(
        (r) => r.status,
        () => 0,
      ),
    );
  }
  const toMs = Date.now();
  const statuses = await Promise.all(sends);
  const accepted = statuses.filter((s) => s === 202).length;
  const refused: Record<number, number> = {};
  for (const s of statuses) if (s !== 202) refused[s] = (refused[s] ?? 0) + 1;
  let rows: { ms: number | null; status: string }[];
  let cpu: CpuByPart = {};
  try {
    rows = await drain(fleet, customer);
    cpu = await cpuSampler.stop();
  } finally {
    connections = await sampler.stop();
  }
  const done = rows.filter((r) => r.ms !== null);
  const ms = done.map((r) => Number(r.ms)).sort((a, b) => a - b);
  const point: CurvePoint = {
    rate,
    sent: total,
    accepted,
    terminal: done.length,
    completed: done.filter((r) => r.status === 'completed').length,
    p50Ms: percentile(ms, 50),
    // Orders left non-terminal have no time: the p99 of the step is then unknown, not small.
    p99Ms: done.length === rows.length && rows.length === accepted ? percentile(ms, 99) : Infinity,
    elapsedMs: Date.now() - fromMs,
  };
  return { point, fromMs, toMs, connections, cpu, refused };
}

async function drain(fleet: TestFleet, customer: string): Promise<{ ms: number | null; status: string }[]> {
  const db = await fleetDb(fleet, 'order_db');
  try {
    const deadline = Date.now() + DRAIN_MS;
    for (;;) {
      const rows = (
        await db.query<{ ms: number | null; status: string }>(
          'select extract(epoch from (terminal_at - created_at)) * 1000 as ms, status from orders where customer_id = $1',
          [customer],
        )
      ).rows;
      if (rows.every((r) => r.ms !== null) || Date.now() > deadline) return rows;
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await db.end();
  }
}

/** ` (refused 503×5, 0×1)` for the step line, or nothing when every send was accepted. */
export function formatRefused(refused: Record<number, number>): string {
  const parts = Object.entries(refused).map(([status, n]) => `${status}×${n}`);
  return parts.length === 0 ? '' : ` (refused ${parts.join(', ')})`;
}

import type { Writable } from 'node:stream';
import { reconcile } from '../../invariants/index.js';
import { fleetDb, type TestFleet } from '../fleet-harness.js';

/** How long the bench waits for the fleet to finish every saga before reconciling (ms). */
const QUIET_MS = 60_000;

/**
 * Waits until no order is in flight (at most 60 s), then runs `faultline reconcile`'s checks on the
 * fleet's stores and prints the verdict with each violation: the bench's proof that speed cost no
 * guarantee (no order lost, none charged twice, stock conserved, DLQs empty). Returns the verdict.
 */
export async function reconcileBench(fleet: TestFleet, out: Writable): Promise<string> {
  const db = await fleetDb(fleet, 'order_db');
  let inFlight = -1;
  try {
    const deadline = Date.now() + QUIET_MS;
    for (;;) {
      const r = await db.query<{ n: string }>(
        "select count(*) as n from orders where status in ('pending', 'compensating')",
      );
      inFlight = Number(r.rows[0]?.n ?? 0);
      if (inFlight === 0 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await db.end();
  }
  const report = await reconcile({ dbPrefix: fleet.dbPrefix, amqpPrefix: fleet.amqpPrefix });
  const bad = report.violations.map((v) => `  ${v.invariant}: ${v.detail} (${v.orderIds.length} orders)`);
  out.write(
    `reconcile after the bench: ${report.verdict} (${report.checks.length} invariants${inFlight > 0 ? `; ${inFlight} orders still in flight after ${QUIET_MS / 1000} s` : ''})\n${bad.join('\n')}${bad.length ? '\n' : ''}`,
  );
  return report.verdict;
}

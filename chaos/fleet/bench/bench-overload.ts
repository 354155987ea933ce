import type { Writable } from 'node:stream';
import { fleetDb, type TestFleet } from '../fleet-harness.js';
import { counterValue, type OverloadPhase } from './overload-summary.js';
import { percentile } from './rate-curve.js';

/** The deadline an accepted order must be terminal within (the checkout journey's, ms). */
export const ORDER_DEADLINE_MS = 30_000;

/** One phase of the overload schedule: `rate` orders/s for `seconds`. */
export interface PhasePlan {
  name: string;
  rate: number;
  seconds: number;
}

interface Sent {
  customer: string;
  plan: PhasePlan;
  accepted: number;
  refused: number;
  withRetryAfter: number;
  shed: number;
}

async function shedCount(fleet: TestFleet): Promise<number> {
  const res = await fetch(`${fleet.urls.gateway}/metrics`);
  return counterValue(await res.text(), 'gateway_shed_total');
}

/** Sends one phase on a fixed schedule (open model) and counts the answers. */
async function sendPhase(fleet: TestFleet, plan: PhasePlan, tag: string): Promise<Sent> {
  const customer = `overload-${tag}-${plan.name}-${Date.now()}`;
  const shedBefore = await shedCount(fleet);
  const total = Math.round(plan.rate * plan.seconds);
  const startMs = Date.now();
  const answers: Promise<{ status: number; retryAfter: boolean }>[] = [];
  for (let i = 0; i < total; i++) {
    const wait = startMs + (i * 1000) / plan.rate - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    answers.push(
      fetch(`${fleet.urls.gateway}/v1/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ customerId: customer, items: [{ sku: 'SKU-0001', quantity: 1 }] }),
      }).then(
        async (res) => {
          await res.arrayBuffer();
          return { status: res.status, retryAfter: res.headers.has('retry-after') };
        },
        () => ({ status: 0, retryAfter: false }),
      ),
    );
  }
  const got = await Promise.all(answers);
  return {
    customer,
    plan,
    accepted: got.filter((a) => a.status === 202).length,
    refused: got.filter((a) => a.status !== 202).length,
    withRetryAfter: got.filter((a) => a.status !== 202 && a.retryAfter).length,
    shed: (await shedCount(fleet)) - shedBefore,
  };
}

type Row = { ms: number | null; status: string; age_ms: number };

/** Reads the phase's orders once every one is terminal or past its deadline (≤ deadline + 5 s). */
async function settle(fleet: TestFleet, customers: readonly string[]): Promise<Map<string, Row[]>> {
  const db = await fleetDb(fleet, 'order_db');
  try {
    const deadline = Date.now() + ORDER_DEADLINE_MS + 5000;
    for (;;) {
      const rows = (
        await db.query<Row & { customer_id: string }>(
          `select customer_id, status,
             extract(epoch from (terminal_at - created_at)) * 1000 as ms,
             extract(epoch from (now() - created_at)) * 1000 as age_ms
           from orders where customer_id = any($1)`,
          [customers],
        )
      ).rows;
      const open = rows.filter((r) => r.ms === null && Number(r.age_ms) <= ORDER_DEADLINE_MS);
      if (open.length === 0 || Date.now() > deadline) {
        const by = new Map<string, Row[]>(customers.map((c) => [c, []]));
        for (const r of rows) by.get(r.customer_id)!.push(r);
        return by;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await db.end();
  }
}

/** Compensation re-sends (a compensation that timed out and was sent again) of the phases' orders. */
export async function compensationResends(
  fleet: TestFleet,
  customers: readonly string[],
): Promise<{ total: number; maxPerOrder: number }> {
  const db = await fleetDb(fleet, 'order_db');
  try {
    const r = await db.query<{ total: string | null; most: string | null }>(
      `select sum(n) as total, max(n) as most from (
         select count(*) as n from saga_history h join orders o on o.id = h.order_id
         where o.customer_id = any($1) and h.event = 'timed_out'
           and h.step in ('payment.refund', 'inventory.release', 'shipping.cancel')
         group by h.order_id) x`,
      [customers],
    );
    return { total: Number(r.rows[0]?.total ?? 0), maxPerOrder: Number(r.rows[0]?.most ?? 0) };
  } finally {
    await db.end();
  }
}

/**
 * Overload then normal load: sends each phase in turn through the gateway, then waits until every
 * accepted order is terminal or past its 30 s deadline, and counts per phase: accepted, shed (the
 * gateway's `gateway_shed_total`), other refusals, terminal within the deadline, compensated and
 * stranded, with p50/p99 time-to-terminal. Prints progress to `out`.
 */
export async function runOverload(
  fleet: TestFleet,
  plans: readonly PhasePlan[],
  tag: string,
  out: Writable,
): Promise<{ phases: OverloadPhase[]; customers: string[] }> {
  const sent: Sent[] = [];
  for (const plan of plans) {
    out.write(`${tag}: ${plan.name} at ${plan.rate}/s for ${plan.seconds} s\n`);
    sent.push(await sendPhase(fleet, plan, tag));
  }
  const rows = await settle(
    fleet,
    sent.map((s) => s.customer),
  );
  const phases = sent.map((s) => {
    const mine = rows.get(s.customer) ?? [];
    const onTime = mine.filter((r) => r.ms !== null && Number(r.ms) <= ORDER_DEADLINE_MS);
    const ms = onTime.map((r) => Number(r.ms)).sort((a, b) => a - b);
    return {
      name: s.plan.name,
      rate: s.plan.rate,
      sent: Math.round(s.plan.rate * s.plan.seconds),
      accepted: s.accepted,
      shed: s.shed,
      failed: s.refused - s.shed,
      withRetryAfter: s.withRetryAfter,
      terminal: onTime.length,
      compensated: onTime.filter((r) => r.status === 'compensated').length,
      stranded: mine.length - onTime.length,
      p50Ms: percentile(ms, 50),
      p99Ms: onTime.length === mine.length ? percentile(ms, 99) : Infinity,
    };
  });
  return { phases, customers: sent.map((s) => s.customer) };
}

import { Router } from 'express';
import type pg from 'pg';
import { SAGA_LOAD_PATH, type SagaLoad } from '../contracts/saga-load.js';

/** How far back the completion rate looks (s): longer than a short stall, shorter than a trend. */
export const LOAD_WINDOW_SEC = 30;
/** The completion rate is the median bucket of this size within the window (s). */
export const LOAD_BUCKET_SEC = 5;
/** Reports younger than this are served from memory, whoever asks (ms). */
const CACHE_MS = 250;

/**
 * Reads the saga load from order_db in one round trip: the non-terminal sagas (counted on the
 * `orders_due` partial index) and the completion rate, the lower median of the sagas that became
 * terminal per `bucketSec` over the complete buckets of the last `windowSec` (on the
 * `orders_terminal_at` index), leaving out empty buckets. The median, because a starved fleet
 * completes in bursts (one bucket with the backlog of a stall would overstate what it can do);
 * without empty buckets, because a short stall (a broker restart the outbox absorbs) is not a
 * loss of capacity.
 */
export async function readSagaLoad(
  pool: pg.Pool,
  stepTimeoutMs: number | null,
  windowSec = LOAD_WINDOW_SEC,
  bucketSec = LOAD_BUCKET_SEC,
): Promise<SagaLoad> {
  const r = await pool.query<{ in_flight: string; median: string | null }>(
    `with edge as (select floor(extract(epoch from now()) / $2) * $2 as end_s),
     buckets as (
       select count(*) as n from orders, edge
       where terminal_at >= to_timestamp(edge.end_s - $1) and terminal_at < to_timestamp(edge.end_s)
       group by floor(extract(epoch from terminal_at) / $2))
     select
       (select count(*) from orders where status in ('pending', 'compensating')) as in_flight,
       (select percentile_disc(0.5) within group (order by n) from buckets) as median`,
    [windowSec, bucketSec],
  );
  const row = r.rows[0];
  return {
    inFlight: Number(row?.in_flight ?? 0),
    completedPerSec: Number(row?.median ?? 0) / bucketSec,
    windowSec,
    bucketSec,
    stepTimeoutMs,
  };
}

/**
 * `GET /internal/saga-load`: the report the gateway sheds by (contracts/saga-load.ts). Not routed
 * by the gateway to clients. Cached for 250 ms, so pollers cost at most four queries a second.
 */
export function sagaLoadRoutes(pool: pg.Pool, stepTimeoutMs: number | null): Router {
  const r = Router();
  let cached: { atMs: number; load: Promise<SagaLoad> } | undefined;
  r.get(SAGA_LOAD_PATH, async (_req, res) => {
    const now = Date.now();
    if (!cached || now - cached.atMs > CACHE_MS) {
      const load = readSagaLoad(pool, stepTimeoutMs);
      cached = { atMs: now, load };
      load.catch(() => {
        if (cached?.load === load) cached = undefined; // a failed read is not served again
      });
    }
    res.json(await cached.load);
  });
  return r;
}

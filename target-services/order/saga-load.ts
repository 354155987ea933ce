import { Router } from 'express';
import type pg from 'pg';
import { SAGA_LOAD_PATH, type SagaLoad } from '../contracts/saga-load.js';

/** How far back the completion rate looks (s): longer than a short stall, shorter than a trend. */
export const LOAD_WINDOW_SEC = 30;
/** The completion rate is the busiest bucket of this size within the window (s). */
export const LOAD_BUCKET_SEC = 5;
/** Reports younger than this are served from memory, whoever asks (ms). */
const CACHE_MS = 250;

/**
 * Reads the saga load from order_db in one round trip: the non-terminal sagas (counted on the
 * `orders_due` partial index) and the sagas that became terminal in each `bucketSec` bucket of the
 * last `windowSec` (on the `orders_terminal_at` index), keeping the busiest bucket.
 */
export async function readSagaLoad(
  pool: pg.Pool,
  stepTimeoutMs: number | null,
  windowSec = LOAD_WINDOW_SEC,
  bucketSec = LOAD_BUCKET_SEC,
): Promise<SagaLoad> {
  const r = await pool.query<{ in_flight: string; peak: string | null }>(
    `select
       (select count(*) from orders where status in ('pending', 'compensating')) as in_flight,
       (select max(n) from (
          select count(*) as n from orders
          where terminal_at > now() - make_interval(secs => $1)
          group by floor(extract(epoch from terminal_at) / $2)) b) as peak`,
    [windowSec, bucketSec],
  );
  const row = r.rows[0];
  return {
    inFlight: Number(row?.in_flight ?? 0),
    completedPerSec: Number(row?.peak ?? 0) / bucketSec,
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

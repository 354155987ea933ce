import { Router } from 'express';
import type pg from 'pg';
import { SAGA_LOAD_PATH, type SagaLoad } from '../contracts/saga-load.js';
import { summariseBuckets } from './completion-buckets.js';

/** How far back the completion rate looks (s): longer than a short stall, shorter than a trend. */
export const LOAD_WINDOW_SEC = 30;
/** The window is read in buckets of this size (s). */
export const LOAD_BUCKET_SEC = 5;
/** Reports younger than this are served from memory, whoever asks (ms). */
const CACHE_MS = 250;

/**
 * Reads the saga load from order_db in one round trip: the non-terminal sagas (counted on the
 * `orders_due` partial index) and the sagas that became terminal in each complete `bucketSec`
 * bucket of the last `windowSec` (on the `orders_terminal_at` index), from which
 * completion-buckets.ts takes the completion rate (lower median of the non-empty buckets) and
 * whether the fleet stalled within the window.
 */
export async function readSagaLoad(
  pool: pg.Pool,
  stepTimeoutMs: number | null,
  windowSec = LOAD_WINDOW_SEC,
  bucketSec = LOAD_BUCKET_SEC,
): Promise<SagaLoad> {
  const r = await pool.query<{ in_flight: string; counts: Record<string, number> | null }>(
    `with edge as (select floor(extract(epoch from now()) / $2) * $2 as end_s),
     buckets as (
       select (floor(extract(epoch from terminal_at) / $2) - (edge.end_s - $1) / $2)::int as i, count(*) as n
       from orders, edge
       where terminal_at >= to_timestamp(edge.end_s - $1) and terminal_at < to_timestamp(edge.end_s)
       group by 1)
     select
       (select count(*) from orders where status in ('pending', 'compensating')) as in_flight,
       (select json_object_agg(i, n) from buckets) as counts`,
    [windowSec, bucketSec],
  );
  const row = r.rows[0];
  // Bucket i (0 = oldest) holds the completions of [end − window + i·bucket, … + bucket).
  const counts = Array.from({ length: Math.round(windowSec / bucketSec) }, (_, i) =>
    Number(row?.counts?.[String(i)] ?? 0),
  );
  const { median, stalled } = summariseBuckets(counts);
  return {
    inFlight: Number(row?.in_flight ?? 0),
    completedPerSec: median / bucketSec,
    stalled,
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

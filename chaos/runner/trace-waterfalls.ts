import type { TraceWaterfall, WaterfallSpan } from '../report/journal.js';
import type { SpanStore } from '../telemetry/span-store.js';
import { hexIdSql, SPANS_TABLE } from '../telemetry/spans-schema.js';
import { RUNNER_SERVICE_NAME } from './run-spans.js';

/** Options of {@link pickTraceWaterfalls}. Times are epoch ms. */
export interface WaterfallQuery {
  fromMs: number;
  toMs: number;
  /** Traces per list (slowest, failed); default 5. */
  perList?: number;
  /** Spans kept per trace (earliest first); default 120. */
  maxSpans?: number;
  /**
   * Orders that broke an invariant: the slowest traces carrying one of them in an `order.id` span
   * attribute are picked too (up to `perList`, reason `violation`), so the report can link them.
   */
  orderIds?: readonly string[];
}

/** One row of the waterfall query (exported for the unit test of {@link waterfallsOf}). */
export interface WaterfallRow {
  reason: string;
  trace_id: string;
  trace_ms: number;
  span_id: string;
  parent_span_id: string | null;
  service_name: string;
  name: string;
  offset_ms: number;
  duration_ms: number;
  status_code: string;
  /** The trace's order ids (`order.id` attributes), comma-separated; null when it carries none. */
  order_ids?: string | null;
}

/** The span attribute that names the order a span works for (the fleet's telemetry contract). */
const ORDER_ID_KEY = 'order.id';
/** Order ids are UUIDs; anything else is left out of the query rather than quoted. */
const SAFE_ID = /^[A-Za-z0-9-]{1,64}$/;

const ORDER_ID_SQL = `json_extract_string(s.attributes, '$."${ORDER_ID_KEY}"')`;
const HAS_ORDER_ID_SQL = `s.attributes LIKE '%"${ORDER_ID_KEY}"%'`;

/*
 * Traces of the fleet (not the runner's own) that started in the window; the slowest ones by
 * first-start-to-last-end, then the slowest of those with an ERROR span not already picked, then
 * the slowest traces of the given orders not already picked; each with the order ids it carries.
 */
const sql = (orderIds: readonly string[]): string => `
WITH t AS (
  SELECT trace_id, min(start_unix_nano) AS t_start, (max(end_unix_nano) - min(start_unix_nano)) / 1e6 AS trace_ms,
         bool_or(status_code = 'ERROR') AS failed
  FROM ${SPANS_TABLE}
  WHERE service_name <> ? AND start_unix_nano BETWEEN ? AND ?
  GROUP BY trace_id),
slow AS (SELECT trace_id, t_start, trace_ms, 'slowest' AS reason, 0 AS o FROM t ORDER BY trace_ms DESC LIMIT ?),
bad AS (SELECT trace_id, t_start, trace_ms, 'failed' AS reason, 1 AS o FROM t
        WHERE failed AND trace_id NOT IN (SELECT trace_id FROM slow) ORDER BY trace_ms DESC LIMIT ?),
wanted AS (SELECT DISTINCT s.trace_id FROM ${SPANS_TABLE} s
        WHERE s.trace_id IN (SELECT trace_id FROM t) AND ${orderIds.length === 0 ? 'false' : `${HAS_ORDER_ID_SQL} AND ${ORDER_ID_SQL} IN (${orderIds.map((id) => `'${id}'`).join(', ')})`}),
viol AS (SELECT trace_id, t_start, trace_ms, 'violation' AS reason, 2 AS o FROM t
        WHERE trace_id IN (SELECT trace_id FROM wanted) AND trace_id NOT IN (SELECT trace_id FROM slow)
          AND trace_id NOT IN (SELECT trace_id FROM bad) ORDER BY trace_ms DESC LIMIT ?),
picked AS (SELECT * FROM slow UNION ALL SELECT * FROM bad UNION ALL SELECT * FROM viol),
orders AS (SELECT s.trace_id, string_agg(DISTINCT ${ORDER_ID_SQL}, ',') AS order_ids
        FROM picked p JOIN ${SPANS_TABLE} s ON s.trace_id = p.trace_id WHERE ${HAS_ORDER_ID_SQL} GROUP BY s.trace_id),
rows AS (
  SELECT p.reason, p.o, p.trace_ms, ${hexIdSql('s.trace_id', 32)} AS trace_id, ${hexIdSql('s.span_id', 16)} AS span_id,
         ${hexIdSql('s.parent_span_id', 16)} AS parent_span_id, s.service_name, s.name,
         (s.start_unix_nano - p.t_start) / 1e6 AS offset_ms, s.duration_ms, CAST(s.status_code AS VARCHAR) AS status_code,
         o.order_ids, row_number() OVER (PARTITION BY s.trace_id ORDER BY s.start_unix_nano) AS n
  FROM picked p JOIN ${SPANS_TABLE} s ON s.trace_id = p.trace_id LEFT JOIN orders o ON o.trace_id = p.trace_id)
SELECT * EXCLUDE (n, o) FROM rows WHERE n <= ? ORDER BY o, trace_ms DESC, trace_id, offset_ms`;

/**
 * Reads the slowest and the failed traces of a run from the span store, and the traces of the
 * orders that broke an invariant, as waterfalls for the journal (service, name, start offset,
 * duration, status and parent of each span; the order ids each trace carries).
 */
export async function pickTraceWaterfalls(store: SpanStore, q: WaterfallQuery): Promise<TraceWaterfall[]> {
  await store.flush();
  const perList = q.perList ?? 5;
  const ns = (ms: number): bigint => BigInt(Math.round(ms)) * 1_000_000n;
  const orderIds = [...new Set(q.orderIds ?? [])].filter((id) => SAFE_ID.test(id));
  const rows = await store.query(sql(orderIds), [
    RUNNER_SERVICE_NAME,
    ns(q.fromMs),
    ns(q.toMs),
    perList,
    perList,
    perList,
    q.maxSpans ?? 120,
  ]);
  return waterfallsOf(rows as unknown as WaterfallRow[]);
}

/** Groups query rows (ordered by trace) into waterfalls. Pure. */
export function waterfallsOf(rows: readonly WaterfallRow[]): TraceWaterfall[] {
  const byTrace = new Map<string, TraceWaterfall>();
  for (const r of rows) {
    let w = byTrace.get(r.trace_id);
    if (w === undefined) {
      const orderIds = (r.order_ids ?? '').split(',').filter((id) => id !== '');
      w = {
        traceId: r.trace_id,
        reason: r.reason === 'failed' || r.reason === 'violation' ? r.reason : 'slowest',
        durationMs: round(Number(r.trace_ms)),
        spans: [],
        ...(orderIds.length > 0 ? { orderIds: orderIds.sort() } : {}),
      };
      byTrace.set(r.trace_id, w);
    }
    const span: WaterfallSpan = {
      spanId: r.span_id,
      service: r.service_name,
      name: r.name,
      startMs: round(Number(r.offset_ms)),
      durationMs: round(Number(r.duration_ms)),
      status: r.status_code === 'ERROR' ? 'error' : r.status_code === 'OK' ? 'ok' : 'unset',
      ...(r.parent_span_id ? { parentSpanId: r.parent_span_id } : {}),
    };
    w.spans.push(span);
  }
  return [...byTrace.values()];
}

const round = (ms: number): number => Math.round(ms * 1000) / 1000;

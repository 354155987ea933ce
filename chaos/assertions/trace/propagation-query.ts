import type { SpanStore } from '../../telemetry/span-store.js';
import { SPANS_TABLE, traceIdHex } from '../../telemetry/spans-schema.js';
import { frag, windowPredicate } from './selector-sql.js';
import type { PropagationAssertion } from './trace-assertion.js';
import type { PropagationStats } from './trace-stats.js';

const LINKED = `SEMI JOIN ${SPANS_TABLE} p ON p.trace_id = s.trace_id AND p.span_id = s.parent_span_id AND p.kind = 'PRODUCER'`;

/**
 * A trace has an orphan when a span's parent id is set but that parent is absent, except for the
 * trace's entry: in a trace with no root span, one SERVER span with an absent parent is where an
 * uninstrumented caller (a load generator, k6, a browser) handed in its `traceparent`. A CONSUMER
 * whose producer span is absent is always an orphan.
 */
const ORPHANED = `absent_other > 0 OR absent_server > CASE WHEN has_root THEN 0 ELSE 1 END`;

/** The windowed spans joined to their parents, and per trace the counts `ORPHANED` reads. */
function propagationCte(where: string): string {
  const absent = `s.parent_span_id IS NOT NULL AND p.span_id IS NULL`;
  return (
    `WITH w AS (SELECT s.trace_id, s.kind, s.parent_span_id, p.kind AS parent_kind, ` +
    `(${absent} AND s.kind = 'SERVER') AS absent_server, (${absent} AND s.kind <> 'SERVER') AS absent_other ` +
    `FROM ${SPANS_TABLE} s LEFT JOIN (SELECT trace_id, span_id, kind FROM ${SPANS_TABLE}) p ` +
    `ON p.trace_id = s.trace_id AND p.span_id = s.parent_span_id WHERE ${where}), ` +
    `t AS (SELECT trace_id, count(*) FILTER (WHERE absent_server) AS absent_server, ` +
    `count(*) FILTER (WHERE absent_other) AS absent_other, bool_or(parent_span_id IS NULL) AS has_root ` +
    `FROM w GROUP BY trace_id) `
  );
}

/**
 * Measures context propagation over the spans starting in the window: CONSUMER spans whose parent
 * is a PRODUCER span of the same trace, and traces holding an orphan (see `ORPHANED`; parents are
 * looked up in the whole table). One left join of the windowed spans to (trace_id, span_id, kind)
 * of every span answers both, so the table is hashed once. Sample trace ids (unlinked consumers
 * first, then orphans) are fetched only when there is something to cite.
 */
export async function measurePropagation(
  store: SpanStore,
  a: PropagationAssertion,
  maxTraceIds: number,
): Promise<PropagationStats> {
  const inWindow = windowPredicate(a.window ?? {}, 's') ?? frag('TRUE', []);
  const w = inWindow.sql;
  const consumer = `s.kind = 'CONSUMER' AND ${w}`;
  const cte = propagationCte(w);
  const sql =
    cte +
    `SELECT (SELECT count(*) FROM w WHERE kind = 'CONSUMER') AS consumers, ` +
    `(SELECT count(*) FROM w WHERE kind = 'CONSUMER' AND parent_kind = 'PRODUCER') AS linked, ` +
    `count(*) FILTER (WHERE ${ORPHANED}) AS orphans, count(*) AS traces FROM t`;
  const p = inWindow.params;
  const [row = {}] = await store.query(sql, p);
  const stats: PropagationStats = {
    consumers: Number(row['consumers'] ?? 0),
    linkedConsumers: Number(row['linked'] ?? 0),
    traces: Number(row['traces'] ?? 0),
    tracesWithOrphans: Number(row['orphans'] ?? 0),
    traceIds: [],
  };
  const limit = Math.trunc(maxTraceIds);
  if (limit <= 0) return stats;
  const ids: string[] = [];
  if (stats.linkedConsumers < stats.consumers) {
    const unlinked = await store.query(
      `SELECT DISTINCT s.trace_id FROM (SELECT s.trace_id FROM ${SPANS_TABLE} s WHERE ${consumer} ` +
        `EXCEPT ALL SELECT s.trace_id FROM ${SPANS_TABLE} s ${LINKED} WHERE ${consumer}) s LIMIT ${limit}`,
      [...p, ...p],
    );
    ids.push(...unlinked.map((r) => traceIdHex(r['trace_id'])));
  }
  if (stats.tracesWithOrphans > 0) {
    const orphans = await store.query(`${cte}SELECT trace_id FROM t WHERE ${ORPHANED} LIMIT ${limit}`, p);
    ids.push(...orphans.map((r) => traceIdHex(r['trace_id'])));
  }
  stats.traceIds = [...new Set(ids)].slice(0, limit);
  return stats;
}

import type { SpanStore } from '../../telemetry/span-store.js';
import { SPANS_TABLE, traceIdHex } from '../../telemetry/spans-schema.js';
import { frag, windowPredicate } from './selector-sql.js';
import type { PropagationAssertion } from './trace-assertion.js';
import type { PropagationStats } from './trace-stats.js';

const LINKED = `SEMI JOIN ${SPANS_TABLE} p ON p.trace_id = s.trace_id AND p.span_id = s.parent_span_id AND p.kind = 'PRODUCER'`;
const ORPHAN = `ANTI JOIN ${SPANS_TABLE} p ON p.trace_id = s.trace_id AND p.span_id = s.parent_span_id`;

/**
 * Measures context propagation over the spans starting in the window: CONSUMER spans whose parent
 * is a PRODUCER span of the same trace, and traces holding a span whose parent id is set but whose
 * parent is absent (parents are looked up in the whole table). One left join of the windowed spans
 * to (trace_id, span_id, kind) of every span answers both, so the table is hashed once. Sample
 * trace ids (unlinked consumers first, then orphans) are fetched only when there is something to
 * cite.
 */
export async function measurePropagation(
  store: SpanStore,
  a: PropagationAssertion,
  maxTraceIds: number,
): Promise<PropagationStats> {
  const inWindow = windowPredicate(a.window ?? {}, 's') ?? frag('TRUE', []);
  const w = inWindow.sql;
  const consumer = `s.kind = 'CONSUMER' AND ${w}`;
  const withParent = `s.parent_span_id IS NOT NULL AND ${w}`;
  const sql =
    `SELECT count(*) FILTER (WHERE s.kind = 'CONSUMER') AS consumers, ` +
    `count(*) FILTER (WHERE s.kind = 'CONSUMER' AND p.kind = 'PRODUCER') AS linked, ` +
    `count(DISTINCT s.trace_id) FILTER (WHERE s.parent_span_id IS NOT NULL AND p.span_id IS NULL) AS orphans, ` +
    `(SELECT count(DISTINCT s.trace_id) FROM ${SPANS_TABLE} s WHERE ${w}) AS traces ` +
    `FROM ${SPANS_TABLE} s LEFT JOIN (SELECT trace_id, span_id, kind FROM ${SPANS_TABLE}) p ` +
    `ON p.trace_id = s.trace_id AND p.span_id = s.parent_span_id WHERE ${w}`;
  const p = inWindow.params;
  const [row = {}] = await store.query(sql, [...p, ...p]);
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
    const orphans = await store.query(
      `SELECT DISTINCT s.trace_id FROM ${SPANS_TABLE} s ${ORPHAN} WHERE ${withParent} LIMIT ${limit}`,
      p,
    );
    ids.push(...orphans.map((r) => traceIdHex(r['trace_id'])));
  }
  stats.traceIds = [...new Set(ids)].slice(0, limit);
  return stats;
}

import type { SpanStore } from '../../telemetry/span-store.js';
import { SPANS_TABLE, traceIdHex } from '../../telemetry/spans-schema.js';
import { frag, windowPredicate } from './selector-sql.js';
import type { PropagationAssertion } from './trace-assertion.js';
import type { PropagationStats } from './trace-stats.js';

/**
 * Measures context propagation over the spans starting in the window: CONSUMER spans whose parent
 * is a PRODUCER span of the same trace, and traces holding a span whose parent id is set but whose
 * parent is absent. Samples: traces with an unlinked consumer first, then traces with orphans.
 */
export async function measurePropagation(
  store: SpanStore,
  a: PropagationAssertion,
  maxTraceIds: number,
): Promise<PropagationStats> {
  const inWindow = windowPredicate(a.window ?? {}, 's') ?? frag('TRUE', []);
  const limit = Math.trunc(maxTraceIds);
  // One self-join answers both questions: each span's parent (if stored) and that parent's kind.
  const sql =
    `WITH j AS MATERIALIZED (SELECT s.trace_id, s.kind, s.parent_span_id IS NOT NULL AND p.span_id IS NULL AS orphan, ` +
    `p.kind = 'PRODUCER' AS linked FROM ${SPANS_TABLE} s ` +
    `LEFT JOIN ${SPANS_TABLE} p ON p.trace_id = s.trace_id AND p.span_id = s.parent_span_id WHERE ${inWindow.sql}) ` +
    `SELECT count(*) FILTER (WHERE kind = 'CONSUMER') AS consumers, ` +
    `count(*) FILTER (WHERE kind = 'CONSUMER' AND linked) AS linked, count(DISTINCT trace_id) AS traces, ` +
    `count(DISTINCT trace_id) FILTER (WHERE orphan) AS orphans, ` +
    `(SELECT list(DISTINCT trace_id)[1:${limit}] FROM (SELECT trace_id FROM j WHERE kind = 'CONSUMER' AND linked IS NOT TRUE LIMIT ${limit})) AS unlinked_ids, ` +
    `(SELECT list(DISTINCT trace_id)[1:${limit}] FROM (SELECT trace_id FROM j WHERE orphan LIMIT ${limit})) AS orphan_ids FROM j`;
  const [row = {}] = await store.query(sql, inWindow.params);
  const ids = [...asIds(row['unlinked_ids']), ...asIds(row['orphan_ids'])];
  return {
    consumers: Number(row['consumers'] ?? 0),
    linkedConsumers: Number(row['linked'] ?? 0),
    traces: Number(row['traces'] ?? 0),
    tracesWithOrphans: Number(row['orphans'] ?? 0),
    traceIds: [...new Set(ids)].slice(0, limit),
  };
}

function asIds(value: unknown): string[] {
  return Array.isArray(value) ? value.map(traceIdHex) : [];
}

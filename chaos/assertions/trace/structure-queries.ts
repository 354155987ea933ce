import type { SpanStore } from '../../telemetry/span-store.js';
import { traceIdHex } from '../../telemetry/spans-schema.js';
import { parseSelector } from './selector-parser.js';
import { frag, selectorToSql, type SqlFragment } from './selector-sql.js';
import type { EveryTraceAssertion, NoTraceAssertion } from './trace-assertion.js';
import type { StructureStats } from './trace-stats.js';

/** SQL edges for whole-trace rules. The window restricts the triggering spans only. */

/** Rows (trace_id, ok) for every trace containing a `when` span. */
function everyTraceVerdicts(a: EveryTraceAssertion): SqlFragment {
  const when = selectorToSql(parseSelector(a.when), a.window);
  const after = a.after !== false;
  const params = [...when.params];
  const joins: string[] = [];
  const checks: string[] = [];
  a.require.forEach((source, i) => {
    const req = selectorToSql(parseSelector(source));
    const timing = after ? ` AND r.start_unix_nano >= w.t0` : '';
    joins.push(
      `LEFT JOIN (SELECT DISTINCT r.trace_id FROM (${req.sql}) r JOIN w ON r.trace_id = w.trace_id${timing}) r${i} ` +
        `ON r${i}.trace_id = w.trace_id`,
    );
    checks.push(`r${i}.trace_id IS NOT NULL`);
    params.push(...req.params);
  });
  return frag(
    `WITH w AS (SELECT trace_id, min(start_unix_nano) AS t0 FROM (${when.sql}) GROUP BY trace_id) ` +
      `SELECT w.trace_id, w.t0, (${checks.join(' AND ') || 'TRUE'}) AS ok FROM w ${joins.join(' ')}`,
    params,
  );
}

/** Rows (trace_id, ok) for every trace containing a `when` span: ok when it has no `forbid` span. */
function noTraceVerdicts(a: NoTraceAssertion): SqlFragment {
  const when = selectorToSql(parseSelector(a.when), a.window);
  const forbid = selectorToSql(parseSelector(a.forbid));
  return frag(
    `WITH w AS (SELECT trace_id, min(start_unix_nano) AS t0 FROM (${when.sql}) GROUP BY trace_id), ` +
      `f AS (SELECT DISTINCT trace_id FROM (${forbid.sql})) ` +
      `SELECT w.trace_id, w.t0, (f.trace_id IS NULL) AS ok FROM w LEFT JOIN f ON f.trace_id = w.trace_id`,
    [...when.params, ...forbid.params],
  );
}

/** Counts triggering traces and violators, with up to `maxTraceIds` violating trace ids. */
export async function measureStructure(
  store: SpanStore,
  a: EveryTraceAssertion | NoTraceAssertion,
  maxTraceIds: number,
): Promise<StructureStats> {
  const verdicts = a.kind === 'every-trace' ? everyTraceVerdicts(a) : noTraceVerdicts(a);
  const rows = await store.query(
    `WITH v AS (${verdicts.sql}) SELECT (SELECT count(*) FROM v) AS traces, ` +
      `(SELECT count(*) FROM v WHERE NOT ok) AS violations, ` +
      `(SELECT list(trace_id ORDER BY t0) FROM (SELECT trace_id, t0 FROM v WHERE NOT ok ORDER BY t0 LIMIT ${Math.trunc(maxTraceIds)})) AS ids`,
    verdicts.params,
  );
  const row = rows[0] ?? {};
  return {
    traces: Number(row['traces'] ?? 0),
    violations: Number(row['violations'] ?? 0),
    traceIds: ((row['ids'] as unknown[] | null) ?? []).map(traceIdHex),
  };
}

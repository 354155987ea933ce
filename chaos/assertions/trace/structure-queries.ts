import type { SpanStore } from '../../telemetry/span-store.js';
import { traceIdHex } from '../../telemetry/spans-schema.js';
import { parseSelector } from './selector-parser.js';
import { frag, selectorToSql, type SqlFragment } from './selector-sql.js';
import type { EveryTraceAssertion, NoTraceAssertion } from './trace-assertion.js';
import type { StructureStats } from './trace-stats.js';

/** SQL edges for whole-trace rules. The window restricts the triggering spans only. */

/** `w`: every trace holding a `when` span, with the first such span's start `t0`. */
function triggers(when: SqlFragment): SqlFragment {
  return frag(
    `w AS (SELECT trace_id, min(start_unix_nano) AS t0 FROM (${when.sql}) GROUP BY trace_id)`,
    when.params,
  );
}

/**
 * Rows (trace_id, t0, ok) for every trace containing a `when` span. Each required selector is
 * semi-joined to the triggering traces only (with the start-time rule in the join), so the cost
 * is one scan per selector plus hash joins sized by the triggering traces.
 */
function everyTraceVerdicts(a: EveryTraceAssertion): SqlFragment {
  const w = triggers(selectorToSql(parseSelector(a.when), a.window));
  const timing = a.after !== false ? ' AND r.start_unix_nano >= w.t0' : '';
  const ctes: string[] = [w.sql];
  const params = [...w.params];
  const checks: string[] = [];
  a.require.forEach((source, i) => {
    const req = selectorToSql(parseSelector(source));
    ctes.push(
      `r${i} AS (SELECT DISTINCT w.trace_id FROM w JOIN (${req.sql}) r ON r.trace_id = w.trace_id${timing})`,
    );
    checks.push(`w.trace_id IN (SELECT trace_id FROM r${i})`);
    params.push(...req.params);
  });
  return frag(
    `WITH ${ctes.join(', ')} SELECT w.trace_id, w.t0, (${checks.join(' AND ') || 'TRUE'}) AS ok FROM w`,
    params,
  );
}

/** Rows (trace_id, t0, ok) for every trace containing a `when` span: ok when it has no `forbid` span. */
function noTraceVerdicts(a: NoTraceAssertion): SqlFragment {
  const w = triggers(selectorToSql(parseSelector(a.when), a.window));
  const forbid = selectorToSql(parseSelector(a.forbid));
  return frag(
    `WITH ${w.sql}, f AS (SELECT DISTINCT f.trace_id FROM (${forbid.sql}) f SEMI JOIN w ON f.trace_id = w.trace_id) ` +
      `SELECT w.trace_id, w.t0, w.trace_id NOT IN (SELECT trace_id FROM f) AS ok FROM w`,
    [...w.params, ...forbid.params],
  );
}

/** Counts triggering traces and violators, with up to `maxTraceIds` violating trace ids (earliest first). */
export async function measureStructure(
  store: SpanStore,
  a: EveryTraceAssertion | NoTraceAssertion,
  maxTraceIds: number,
): Promise<StructureStats> {
  const verdicts = a.kind === 'every-trace' ? everyTraceVerdicts(a) : noTraceVerdicts(a);
  const limit = Math.max(1, Math.trunc(maxTraceIds));
  const rows = await store.query(
    `SELECT count(*) AS traces, count(*) FILTER (WHERE NOT ok) AS violations, ` +
      `min_by(trace_id, t0, ${limit}) FILTER (WHERE NOT ok) AS ids FROM (${verdicts.sql})`,
    verdicts.params,
  );
  const row = rows[0] ?? {};
  const ids = ((row['ids'] as unknown[] | null) ?? []).map(traceIdHex);
  return {
    traces: Number(row['traces'] ?? 0),
    violations: Number(row['violations'] ?? 0),
    traceIds: ids.slice(0, Math.trunc(maxTraceIds)),
  };
}

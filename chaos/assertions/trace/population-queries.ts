import type { SpanStore } from '../../telemetry/span-store.js';
import { SPANS_TABLE, traceIdHex } from '../../telemetry/spans-schema.js';
import { parseSelector } from './selector-parser.js';
import {
  fieldSql,
  frag,
  selectorToSql,
  stepPredicate,
  windowPredicate,
  type SqlFragment,
} from './selector-sql.js';
import type {
  AttributeAssertion,
  CountAssertion,
  DurationAssertion,
  RateAssertion,
  StatusAssertion,
} from './trace-assertion.js';
import type { AllMatchStats, ScalarStats } from './trace-stats.js';

/** SQL edges that measure a selected span population for the pure evaluators. */

const STAT_SQL = {
  p50: 'quantile_cont(duration_ms, 0.5)',
  p90: 'quantile_cont(duration_ms, 0.9)',
  p95: 'quantile_cont(duration_ms, 0.95)',
  p99: 'quantile_cont(duration_ms, 0.99)',
  max: 'max(duration_ms)',
  avg: 'avg(duration_ms)',
} as const;

/**
 * The first `limit` distinct traces of the spans in `from`, by `order` over spans (`start_unix_nano`
 * or `duration_ms DESC`). Taking trace ids in first-appearance order of the sorted spans gives
 * exactly the traces sorted by min(start) or max(duration), but through a top-N scan instead of
 * grouping every selected span by trace. The span limit grows when one trace fills it.
 */
async function sampleTraces(
  store: SpanStore,
  from: SqlFragment,
  order: string,
  limit: number,
): Promise<string[]> {
  const want = Math.trunc(limit);
  if (want <= 0) return [];
  for (let spans = Math.max(64, want * 16); ; spans *= 16) {
    const rows = await store.query(
      `SELECT trace_id FROM (${from.sql}) s ORDER BY ${order} LIMIT ${spans}`,
      from.params,
    );
    const ids = [...new Set(rows.map((r) => traceIdHex(r['trace_id'])))];
    if (ids.length >= want || rows.length < spans) return ids.slice(0, want);
  }
}

/** count: matching spans, with every span in the window as the sample base. */
export async function measureCount(
  store: SpanStore,
  a: CountAssertion,
  maxTraceIds: number,
): Promise<ScalarStats> {
  const selected = selectorToSql(parseSelector(a.select), a.window);
  const inWindow = windowPredicate(a.window ?? {}, 's') ?? frag('TRUE', []);
  const [row] = await store.query(
    `SELECT (SELECT count(*) FROM ${SPANS_TABLE} s WHERE ${inWindow.sql}) AS total, (SELECT count(*) FROM (${selected.sql})) AS n`,
    [...inWindow.params, ...selected.params],
  );
  const value = Number(row?.['n'] ?? 0);
  const traceIds = value === 0 ? [] : await sampleTraces(store, selected, 'start_unix_nano', maxTraceIds);
  return { samples: Number(row?.['total'] ?? 0), value, traceIds };
}

/** Spans of `base` that also match `matchSource`; a one-step match is a plain filter (one scan). */
function intersect(base: SqlFragment, matchSource: string, window: RateAssertion['window']): SqlFragment {
  const match = parseSelector(matchSource);
  if (match.steps.length === 1) {
    const where = stepPredicate(match.steps[0]!, 'b');
    return frag(`SELECT b.* FROM (${base.sql}) b WHERE ${where.sql}`, [...base.params, ...where.params]);
  }
  const full = selectorToSql(match, window);
  return frag(
    `SELECT b.* FROM (${base.sql}) b SEMI JOIN (${full.sql}) m ON b.trace_id = m.trace_id AND b.span_id = m.span_id`,
    [...base.params, ...full.params],
  );
}

/** rate: |select ∩ match| / |select|; samples are traces of matching spans. */
export async function measureRate(
  store: SpanStore,
  a: RateAssertion,
  maxTraceIds: number,
): Promise<ScalarStats> {
  const base = selectorToSql(parseSelector(a.select), a.window);
  const both = intersect(base, a.match, a.window);
  const [row] = await store.query(
    `SELECT (SELECT count(*) FROM (${base.sql})) AS n, (SELECT count(*) FROM (${both.sql})) AS k`,
    [...base.params, ...both.params],
  );
  const n = Number(row?.['n'] ?? 0);
  const k = Number(row?.['k'] ?? 0);
  const traceIds = k === 0 ? [] : await sampleTraces(store, both, 'start_unix_nano', maxTraceIds);
  return { samples: n, value: n === 0 ? null : k / n, traceIds };
}

/** duration: one statistic in ms; samples are the slowest traces. */
export async function measureDuration(
  store: SpanStore,
  a: DurationAssertion,
  maxTraceIds: number,
): Promise<ScalarStats> {
  const selected = selectorToSql(parseSelector(a.select), a.window);
  const [row] = await store.query(
    `SELECT count(*) AS n, ${STAT_SQL[a.stat]} AS v FROM (${selected.sql})`,
    selected.params,
  );
  const n = Number(row?.['n'] ?? 0);
  const traceIds = n === 0 ? [] : await sampleTraces(store, selected, 'duration_ms DESC', maxTraceIds);
  const v = row?.['v'];
  return { samples: n, value: v === null || v === undefined ? null : Number(v), traceIds };
}

/** attribute and status: spans whose value is outside `allowed` (missing attributes count). */
export async function measureAllMatch(
  store: SpanStore,
  a: AttributeAssertion | StatusAssertion,
  maxTraceIds: number,
): Promise<AllMatchStats> {
  const selected = selectorToSql(parseSelector(a.select), a.window);
  const value =
    a.kind === 'status'
      ? frag('CAST(status_code AS VARCHAR)', [])
      : fieldSql({ type: 'attribute', key: a.key }, 's');
  const allowed = a.allowed.map(String);
  const marks = allowed.map(() => '?').join(', ') || 'NULL';
  const valued = frag(
    `SELECT s.trace_id, s.start_unix_nano, coalesce(${value.sql}, '(missing)') AS v FROM (${selected.sql}) s`,
    [...value.params, ...selected.params],
  );
  const [counts] = await store.query(
    `SELECT count(*) AS n, count(*) FILTER (WHERE v NOT IN (${marks})) AS bad FROM (${valued.sql})`,
    [...allowed, ...valued.params],
  );
  const violations = Number(counts?.['bad'] ?? 0);
  const offending: Record<string, number> = {};
  let traceIds: string[] = [];
  if (violations > 0) {
    const bad = frag(`SELECT * FROM (${valued.sql}) WHERE v NOT IN (${marks})`, [
      ...valued.params,
      ...allowed,
    ]);
    const groups = await store.query(
      `SELECT v, count(*) AS n FROM (${bad.sql}) GROUP BY v ORDER BY n DESC, v LIMIT 5`,
      bad.params,
    );
    for (const g of groups) offending[String(g['v'])] = Number(g['n']);
    traceIds = await sampleTraces(store, bad, 'start_unix_nano', maxTraceIds);
  }
  return { samples: Number(counts?.['n'] ?? 0), violations, traceIds, offending };
}

import type { DuckDBDataChunk, DuckDBValue } from '@duckdb/node-api';
import type { SpanStore } from '../../telemetry/span-store.js';
import { SPANS_TABLE } from '../../telemetry/spans-schema.js';
import { parseSelector } from '../trace/selector-parser.js';
import { selectorToSql, type TimeWindow } from '../trace/selector-sql.js';
import type { PathSpan, SpanRole } from './path-span.js';
import { PopulationAccumulator, type PopulationSummary } from './population-summary.js';
import { spanRole, stableSpanName } from './span-label.js';
import { traceCriticalPath } from './trace-critical-path.js';

/** Which traces make a population. */
export interface PopulationQuery {
  /** Keep traces holding a span this selector matches (the trace assertions' grammar); default all. */
  select?: string;
  /** Keep traces whose first span starts in this window (e.g. a phase). */
  window?: TimeWindow;
  /** Services whose spans are left out (default: `faultline`, the runner's own trace). */
  excludeServices?: readonly string[];
  /** Distinct paths listed (default 5). */
  topK?: number;
}

/** A prime under 2^53: ids and label hashes modulo it fit a double exactly (collisions ~n²/2^53). */
const P = '9007199254740881';

interface Label {
  service: string;
  name: string;
  role: SpanRole;
}

/**
 * Reads one population of traces from the store and summarises its critical paths, in one
 * streaming pass: DuckDB selects the traces, orders their spans by trace and hands them over in
 * chunks of numbers (ids and label hashes as doubles, times in ms from the trace's first start);
 * each trace's path is computed as soon as its last span is read, so memory holds one trace plus
 * the summary. Service, name and role come from a small label table read first.
 * @throws ExpressionError for a malformed selector; FaultlineError `ERR_STORE_QUERY`.
 */
export async function readPopulation(store: SpanStore, q: PopulationQuery = {}): Promise<PopulationSummary> {
  await store.flush();
  const labels = await readLabels(store);
  const { sql, params } = populationSql(q);
  const acc = new PopulationAccumulator();
  let key = NaN;
  let trace: PathSpan[] = [];
  await store.stream(sql, params, (chunk: DuckDBDataChunk) => {
    const [tk, id, parent, label, start, end] = [0, 1, 2, 3, 4, 5].map((i) => chunk.getColumnVector(i));
    const rows = chunk.rowCount;
    for (let r = 0; r < rows; r++) {
      const k = tk!.getItem(r) as number;
      if (k !== key) {
        if (trace.length > 0) acc.add(traceCriticalPath(trace));
        trace = [];
        key = k;
      }
      const l = labels.get(label!.getItem(r) as number) ?? UNKNOWN;
      const p = parent!.getItem(r) as number | null;
      trace.push({
        id: id!.getItem(r) as number,
        parentId: p ?? undefined,
        service: l.service,
        name: l.name,
        role: l.role,
        startMs: start!.getItem(r) as number,
        endMs: end!.getItem(r) as number,
      });
    }
  });
  if (trace.length > 0) acc.add(traceCriticalPath(trace));
  return acc.summary(q.topK ?? 5);
}

const UNKNOWN: Label = { service: 'unknown_service', name: '?', role: 'work' };

const LABEL_HASH = `(hash(service_name, name, kind, scope_name) % ${P})::DOUBLE`;

/** Every distinct (service, name, kind, scope) of the store, keyed by the hash the pass reads. */
async function readLabels(store: SpanStore): Promise<Map<number, Label>> {
  const rows = await store.query(
    `SELECT ${LABEL_HASH} AS h, service_name, name, CAST(kind AS VARCHAR) AS kind, scope_name,
            bool_or(kind = 'CLIENT' AND contains(attributes, '"db.system')) AS db
     FROM ${SPANS_TABLE} GROUP BY ALL`,
  );
  const labels = new Map<number, Label>();
  for (const r of rows) {
    labels.set(Number(r['h']), {
      service: String(r['service_name']),
      name: stableSpanName(String(r['name'])),
      role: spanRole(String(r['kind']), String(r['scope_name']), r['db'] === true),
    });
  }
  return labels;
}

/** The streaming query: the population's spans, ordered by trace. */
function populationSql(q: PopulationQuery): { sql: string; params: DuckDBValue[] } {
  const params: DuckDBValue[] = [];
  const excluded = q.excludeServices ?? ['faultline'];
  const notExcluded =
    excluded.length === 0 ? 'TRUE' : `service_name NOT IN (${excluded.map(() => '?').join(', ')})`;
  params.push(...excluded);
  let picked = '';
  if (q.select !== undefined) {
    const selector = selectorToSql(parseSelector(q.select));
    picked = `SEMI JOIN (${selector.sql}) m ON m.trace_id = s.trace_id`;
    params.push(...selector.params);
  }
  const where: string[] = [];
  if (q.window?.fromUnixNano !== undefined) {
    where.push('s.t0 >= ?');
    params.push(q.window.fromUnixNano);
  }
  if (q.window?.toUnixNano !== undefined) {
    where.push('s.t0 < ?');
    params.push(q.window.toUnixNano);
  }
  // A window function gives each span its trace's first start without a join; DuckDB sorts by
  // trace for it, so the final ORDER BY is nearly free (the bench measured it cheapest).
  const sql = `
WITH s AS (
  SELECT trace_id, span_id, parent_span_id, service_name, name, kind, scope_name, start_unix_nano, end_unix_nano,
         min(start_unix_nano) OVER (PARTITION BY trace_id) AS t0
  FROM ${SPANS_TABLE} WHERE ${notExcluded})
SELECT (hash(s.trace_id) % ${P})::DOUBLE AS tk, (s.span_id % ${P})::DOUBLE AS id,
       (s.parent_span_id % ${P})::DOUBLE AS parent, ${LABEL_HASH} AS label,
       (s.start_unix_nano - s.t0) / 1e6 AS start_ms, (s.end_unix_nano - s.t0) / 1e6 AS end_ms
FROM s ${picked}
${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
ORDER BY s.trace_id`;
  return { sql, params };
}

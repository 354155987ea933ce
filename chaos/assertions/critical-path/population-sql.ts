import type { DuckDBValue } from '@duckdb/node-api';
import { SPANS_TABLE } from '../../telemetry/spans-schema.js';
import type { StreamedQuery } from '../../telemetry/stream-queries.js';
import { parseSelector } from '../trace/selector-parser.js';
import { selectorToSql, type TimeWindow } from '../trace/selector-sql.js';

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
  /**
   * Stored spans per query (default 2 M): a larger store is read in several queries, each one's
   * sort running while the previous one's traces are walked. Tests set it low to split a small store.
   */
  spansPerQuery?: number;
}

/** A prime under 2^53: ids and label hashes modulo it fit a double exactly (collisions ~n²/2^53). */
const P = '9007199254740881';

/** The label hash of a span row (`alias.` prefixes its columns), as the pass reads it. */
export const labelHash = (alias = ''): string =>
  `(hash(${alias}service_name, ${alias}name, ${alias}kind, ${alias}scope_name) % ${P})::DOUBLE`;

/**
 * The streaming queries of a population, `parts` of them: each reads the traces whose key hash is
 * its own modulo `parts` (so no trace is split), and the store runs the next while the previous is
 * read (SpanStore.stream); smaller sorts also use less memory. Each gives its spans as numbers,
 * ordered by trace. Columns: trace key, span id, parent id (-1 for none, so no column holds a
 * null to test), label hash, start and end in ms from `originUnixNano`. Only numbers reach the
 * sort (no strings, no 128-bit ids): a trace is keyed by a 64-bit hash of its id, which DuckDB
 * sorts cheaper than the id itself (two traces sharing a hash, odds ~n²/2^65, would be read as
 * one). A window keeps the traces whose first start lies in it, found by a hash aggregate first,
 * so only their spans are sorted. Only placeholders and constants go into the SQL.
 */
export function populationQueries(
  q: PopulationQuery,
  originUnixNano: bigint,
  parts: number,
): StreamedQuery[] {
  return Array.from({ length: parts }, (_, k) =>
    populationSql(q, originUnixNano, parts === 1 ? 'TRUE' : `hash(#.trace_id) % ${parts} = ${k}`),
  );
}

/** One of them; `part` is a predicate on the trace id, `#` standing for the table's alias. */
function populationSql(q: PopulationQuery, originUnixNano: bigint, part: string): StreamedQuery {
  // In the order of the placeholders: the select list, the window's join, the selector's, the filter.
  const params: DuckDBValue[] = [originUnixNano, originUnixNano];
  const excluded = q.excludeServices ?? ['faultline'];
  const notExcluded = (alias: string): string =>
    excluded.length === 0 ? 'TRUE' : `${alias}service_name NOT IN (${excluded.map(() => '?').join(', ')})`;
  const from = q.window?.fromUnixNano;
  const to = q.window?.toUnixNano;
  let inWindow = '';
  if (from !== undefined || to !== undefined) {
    const having = [
      from === undefined ? '' : 'min(start_unix_nano) >= ?',
      to === undefined ? '' : 'min(start_unix_nano) < ?',
    ];
    inWindow = `SEMI JOIN (SELECT hash(trace_id) AS h FROM ${SPANS_TABLE} w0 WHERE ${notExcluded('w0.')} AND ${part.replace('#', 'w0')}
      GROUP BY 1 HAVING ${having.filter((h) => h !== '').join(' AND ')}) w ON w.h = hash(sp.trace_id)`;
    params.push(...excluded, ...[from, to].filter((t) => t !== undefined));
  }
  let picked = '';
  if (q.select !== undefined) {
    const selector = selectorToSql(parseSelector(q.select));
    picked = `SEMI JOIN (${selector.sql}) m ON m.trace_id = sp.trace_id`;
    params.push(...selector.params);
  }
  params.push(...excluded);
  const sql = `
SELECT (hash(sp.trace_id) % ${P})::DOUBLE AS tk, (sp.span_id % ${P})::DOUBLE AS id,
       coalesce((sp.parent_span_id % ${P})::DOUBLE, -1) AS parent, ${labelHash('sp.')} AS label,
       (sp.start_unix_nano - ?::BIGINT) / 1e6 AS start_ms, (sp.end_unix_nano - ?::BIGINT) / 1e6 AS end_ms
FROM ${SPANS_TABLE} sp ${inWindow} ${picked}
WHERE ${notExcluded('sp.')} AND ${part.replace('#', 'sp')}
ORDER BY hash(sp.trace_id)`;
  return { sql, params };
}

import { PROMOTED_ATTRIBUTES } from './promoted-attributes.js';
import { SPAN_KINDS, STATUS_CODES } from './span-row.js';

/**
 * The `spans` table. One wide row per span, shaped for the selector and percentile queries:
 * - ids as unsigned integers (a trace id is a UHUGEINT, a span id a UBIGINT), so the self-joins
 *   behind relations and propagation hash 24 bytes instead of 48 characters; `spans_hex` shows
 *   them as lowercase hex;
 * - `kind` and `status_code` as ENUMs (one byte; filters compare integers);
 * - nanosecond timestamps as BIGINT and the duration precomputed in milliseconds (percentiles need
 *   no arithmetic);
 * - hot attributes promoted to text columns (`promoted-attributes.ts`), and every attribute, the
 *   resource's attributes and the events as JSON text.
 * Rows are appended in arrival order, so DuckDB's zone maps on `start_unix_nano` make time-window
 * filters cheap; no ART index is created because it would slow appends far more than it helps
 * the scans and hash joins the assertions run.
 */
export const SPANS_TABLE = 'spans';

const sqlList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** The ENUM type of `kind` and of `status_code`. */
export const KIND_ENUM_SQL = `ENUM(${sqlList(SPAN_KINDS)})`;
export const STATUS_ENUM_SQL = `ENUM(${sqlList(STATUS_CODES)})`;

const BASE_COLUMNS = [
  ['trace_id', 'UHUGEINT NOT NULL'],
  ['span_id', 'UBIGINT NOT NULL'],
  ['parent_span_id', 'UBIGINT'],
  ['name', 'VARCHAR NOT NULL'],
  ['kind', `${KIND_ENUM_SQL} NOT NULL`],
  ['service_name', 'VARCHAR NOT NULL'],
  ['scope_name', 'VARCHAR NOT NULL'],
  ['start_unix_nano', 'BIGINT NOT NULL'],
  ['end_unix_nano', 'BIGINT NOT NULL'],
  ['duration_ms', 'DOUBLE NOT NULL'],
  ['status_code', `${STATUS_ENUM_SQL} NOT NULL`],
  ['status_message', 'VARCHAR NOT NULL'],
] as const;
const TAIL_COLUMNS = [
  ['attributes', 'VARCHAR NOT NULL'],
  ['resource_attributes', 'VARCHAR NOT NULL'],
  ['events', 'VARCHAR NOT NULL'],
] as const;
const COLUMN_DEFS: readonly (readonly [string, string])[] = [
  ...BASE_COLUMNS,
  ...PROMOTED_ATTRIBUTES.map((p) => [p.column, 'VARCHAR'] as const),
  ...TAIL_COLUMNS,
];

/** Column order used by the appender (`span-columns.ts`); the table is created from it. */
export const SPAN_COLUMNS: readonly string[] = COLUMN_DEFS.map(([name]) => name);

export const CREATE_SPANS_SQL = `CREATE TABLE IF NOT EXISTS ${SPANS_TABLE} (\n  ${COLUMN_DEFS.map(
  ([name, type]) => `${name} ${type}`,
).join(',\n  ')}\n)`;

/** SQL turning a stored id column into the lowercase hex OTLP uses (32 or 16 digits). */
export function hexIdSql(column: string, digits: 32 | 16): string {
  return `lpad(lower(to_hex(${column})), ${digits}, '0')`;
}

/** The same rows with hex ids, for people opening the database and for the Parquet export. */
export const CREATE_SPANS_HEX_VIEW_SQL =
  `CREATE VIEW IF NOT EXISTS spans_hex AS SELECT * REPLACE (${hexIdSql('trace_id', 32)} AS trace_id, ` +
  `${hexIdSql('span_id', 16)} AS span_id, ${hexIdSql('parent_span_id', 16)} AS parent_span_id) FROM ${SPANS_TABLE}`;

/** A stored trace id (as returned by a query) in lowercase hex. */
export function traceIdHex(value: unknown): string {
  return typeof value === 'bigint' ? value.toString(16).padStart(32, '0') : String(value);
}

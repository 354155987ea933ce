/**
 * The `spans` table. One wide row per span: ids as unsigned integers (a trace id is a UHUGEINT, a
 * span id a UBIGINT, so the self-joins behind relations and propagation hash 24 bytes instead of
 * comparing 48-character strings; `spans_hex` shows them as lowercase hex), nanosecond timestamps as BIGINT,
 * the duration precomputed in milliseconds (percentiles need no arithmetic), kind and status as
 * their OTLP names, and attributes, resource attributes and events as JSON text. DuckDB's zone maps
 * on the arrival-ordered start times make time-window filters cheap; no ART index is created
 * because it would slow appends far more than it speeds scans.
 */
export const SPANS_TABLE = 'spans';

/** Column order used by the appender; keep in sync with `CREATE_SPANS_SQL`. */
export const SPAN_COLUMNS = [
  'trace_id',
  'span_id',
  'parent_span_id',
  'name',
  'kind',
  'service_name',
  'scope_name',
  'start_unix_nano',
  'end_unix_nano',
  'duration_ms',
  'status_code',
  'status_message',
  'attributes',
  'resource_attributes',
  'events',
] as const;

export const CREATE_SPANS_SQL = `CREATE TABLE IF NOT EXISTS ${SPANS_TABLE} (
  trace_id UHUGEINT NOT NULL,
  span_id UBIGINT NOT NULL,
  parent_span_id UBIGINT,
  name VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  service_name VARCHAR NOT NULL,
  scope_name VARCHAR NOT NULL,
  start_unix_nano BIGINT NOT NULL,
  end_unix_nano BIGINT NOT NULL,
  duration_ms DOUBLE NOT NULL,
  status_code VARCHAR NOT NULL,
  status_message VARCHAR NOT NULL,
  attributes VARCHAR NOT NULL,
  resource_attributes VARCHAR NOT NULL,
  events VARCHAR NOT NULL
)`;

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

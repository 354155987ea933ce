import { DuckDBDataChunk, type DuckDBAppender, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { attributeText, PROMOTED_ATTRIBUTES } from './promoted-attributes.js';
import { SPAN_COLUMNS } from './spans-schema.js';
import type { SpanRow } from './span-row.js';

/** DuckDB's vector size: the most rows one data chunk may hold. */
const CHUNK_ROWS = 2048;
const PROMOTED_KEYS = PROMOTED_ATTRIBUTES.map((p) => p.key);

/** The appender's column types, read once per appender (each read is a native call). */
export function appenderTypes(appender: DuckDBAppender): DuckDBType[] {
  return SPAN_COLUMNS.map((_, i) => appender.columnType(i));
}

/**
 * Appends rows column-wise through data chunks of up to 2 048 rows, which costs far fewer native
 * calls than one `append*` per value. Resource attributes are serialised once per distinct object
 * (one per OTLP ResourceSpans). The appender buffers the chunks; the caller flushes it.
 */
export function appendRows(appender: DuckDBAppender, types: DuckDBType[], rows: readonly SpanRow[]): void {
  const resourceJson = new Map<object, string>();
  for (let offset = 0; offset < rows.length; offset += CHUNK_ROWS) {
    const count = Math.min(CHUNK_ROWS, rows.length - offset);
    const columns: DuckDBValue[][] = SPAN_COLUMNS.map(() => new Array<DuckDBValue>(count));
    for (let r = 0; r < count; r++) {
      const row = rows[offset + r]!;
      let resource = resourceJson.get(row.resourceAttributes);
      if (resource === undefined) {
        resource = JSON.stringify(row.resourceAttributes);
        resourceJson.set(row.resourceAttributes, resource);
      }
      let c = 0;
      columns[c++]![r] = row.traceId;
      columns[c++]![r] = row.spanId;
      columns[c++]![r] = row.parentSpanId;
      columns[c++]![r] = row.name;
      columns[c++]![r] = row.kind;
      columns[c++]![r] = row.serviceName;
      columns[c++]![r] = row.scopeName;
      columns[c++]![r] = row.startUnixNano;
      columns[c++]![r] = row.endUnixNano;
      columns[c++]![r] = row.durationMs;
      columns[c++]![r] = row.statusCode;
      columns[c++]![r] = row.statusMessage;
      for (const key of PROMOTED_KEYS) columns[c++]![r] = attributeText(row.attributes[key]);
      columns[c++]![r] = JSON.stringify(row.attributes);
      columns[c++]![r] = resource;
      columns[c++]![r] = row.events.length === 0 ? '[]' : JSON.stringify(row.events);
    }
    const chunk = DuckDBDataChunk.create(types, count);
    chunk.setColumns(columns);
    appender.appendDataChunk(chunk);
  }
}

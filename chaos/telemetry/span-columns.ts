import { DuckDBDataChunk, type DuckDBAppender, type DuckDBValue } from '@duckdb/node-api';
import { SPAN_COLUMNS } from './spans-schema.js';
import type { SpanRow } from './span-row.js';

/** DuckDB's vector size: the most rows one data chunk may hold. */
const CHUNK_ROWS = 2048;

/**
 * Appends rows column-wise through data chunks of up to 2 048 rows, which costs far fewer native
 * calls than one `append*` per value. Resource attributes are serialised once per distinct object
 * (one per OTLP ResourceSpans).
 */
export function appendRows(appender: DuckDBAppender, rows: readonly SpanRow[]): void {
  const types = SPAN_COLUMNS.map((_, i) => appender.columnType(i));
  const resourceJson = new Map<object, string>();
  for (let offset = 0; offset < rows.length; offset += CHUNK_ROWS) {
    const slice = rows.slice(offset, offset + CHUNK_ROWS);
    const columns: DuckDBValue[][] = SPAN_COLUMNS.map(() => new Array<DuckDBValue>(slice.length));
    slice.forEach((row, r) => {
      let resource = resourceJson.get(row.resourceAttributes);
      if (resource === undefined) {
        resource = JSON.stringify(row.resourceAttributes);
        resourceJson.set(row.resourceAttributes, resource);
      }
      const values: DuckDBValue[] = [
        BigInt(`0x${row.traceId}`),
        BigInt(`0x${row.spanId}`),
        row.parentSpanId === null ? null : BigInt(`0x${row.parentSpanId}`),
        row.name,
        row.kind,
        row.serviceName,
        row.scopeName,
        row.startUnixNano,
        row.endUnixNano,
        row.durationMs,
        row.statusCode,
        row.statusMessage,
        JSON.stringify(row.attributes),
        resource,
        row.events.length === 0 ? '[]' : JSON.stringify(row.events),
      ];
      for (let c = 0; c < values.length; c++) columns[c]![r] = values[c]!;
    });
    const chunk = DuckDBDataChunk.create(types, slice.length);
    chunk.setColumns(columns);
    appender.appendDataChunk(chunk);
  }
}

/** OTLP span kinds by their protobuf enum number (`SPAN_KIND_*` without the prefix). */
export const SPAN_KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'] as const;
export type SpanKindName = (typeof SPAN_KINDS)[number];

/** OTLP status codes by their protobuf enum number (`STATUS_CODE_*` without the prefix). */
export const STATUS_CODES = ['UNSET', 'OK', 'ERROR'] as const;
export type StatusCodeName = (typeof STATUS_CODES)[number];

/** A JSON-serialisable attribute value (OTLP AnyValue after decoding). */
export type AttributeValue =
  string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };

export interface SpanEventRow {
  name: string;
  /** Event time, unix nanoseconds as a decimal string (exact). */
  timeUnixNano: string;
  attributes: Record<string, AttributeValue>;
}

/**
 * One span as stored in the `spans` table, decoded from either OTLP encoding. Ids are the id bytes
 * read as one unsigned big-endian integer (128 bits for traces, 64 for spans), which is how the
 * table stores them; `parentSpanId` is null for root spans.
 */
export interface SpanRow {
  traceId: bigint;
  spanId: bigint;
  parentSpanId: bigint | null;
  name: string;
  kind: SpanKindName;
  /** The resource's `service.name`, or `unknown_service`. */
  serviceName: string;
  scopeName: string;
  startUnixNano: bigint;
  endUnixNano: bigint;
  /** (end - start) in milliseconds; 0 when end precedes start. */
  durationMs: number;
  statusCode: StatusCodeName;
  statusMessage: string;
  attributes: Record<string, AttributeValue>;
  resourceAttributes: Record<string, AttributeValue>;
  events: SpanEventRow[];
}

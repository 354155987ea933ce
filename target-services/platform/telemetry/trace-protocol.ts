/** OTLP/HTTP encodings a service can export traces in. */
export const TRACE_PROTOCOLS = ['http/protobuf', 'http/json'] as const;
export type TraceProtocol = (typeof TRACE_PROTOCOLS)[number];

/**
 * The encoding to export traces in: `OTEL_EXPORTER_OTLP_TRACES_PROTOCOL`, else
 * `OTEL_EXPORTER_OTLP_PROTOCOL`; `http/json` when one says so, protobuf (the OTLP default, and
 * the cheaper one to encode) otherwise. Pure.
 */
export function traceProtocol(env: Readonly<Record<string, string | undefined>>): TraceProtocol {
  const asked = env['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'] ?? env['OTEL_EXPORTER_OTLP_PROTOCOL'];
  return asked?.trim() === 'http/json' ? 'http/json' : 'http/protobuf';
}

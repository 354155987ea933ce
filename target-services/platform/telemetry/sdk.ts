import { NodeSDK } from '@opentelemetry/sdk-node';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { AmqplibInstrumentation } from '@opentelemetry/instrumentation-amqplib';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { SAGA_LOAD_PATH } from '../../contracts/saga-load.js';
import { setPrometheusExporter } from './prometheus.js';
import { pgSpanName } from './pg-span-name.js';
import { traceProtocol } from './trace-protocol.js';

/** Keeps spans alive for propagation and log correlation, exports nothing. */
const dropSpans: SpanProcessor = {
  onStart: () => undefined,
  onEnd: () => undefined,
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

/** True when the user configured an OTLP trace endpoint. */
export function tracesExportConfigured(env: Record<string, string | undefined>): boolean {
  return (
    Boolean(env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_ENDPOINT']) &&
    env['OTEL_TRACES_EXPORTER'] !== 'none'
  );
}

/** Starts the OpenTelemetry SDK for one service process and returns it (for shutdown). */
export function startTelemetry(env: Record<string, string | undefined>): NodeSDK {
  const prometheus = new PrometheusExporter({ preventServerStart: true });
  setPrometheusExporter(prometheus);
  const spanProcessor = tracesExportConfigured(env)
    ? new BatchSpanProcessor(
        traceProtocol(env) === 'http/json' ? new JsonTraceExporter() : new ProtoTraceExporter(),
        {
          scheduledDelayMillis: Number(env['OTEL_BSP_SCHEDULE_DELAY'] ?? 1000),
        },
      )
    : dropSpans;
  const sdk = new NodeSDK({
    spanProcessors: [spanProcessor],
    metricReaders: [prometheus],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) =>
          ['/metrics', '/healthz', '/readyz', SAGA_LOAD_PATH].includes(req.url ?? ''),
      }),
      // Only the route handler gets a span. Middleware and router layers (body parsing, rate limit,
      // auth, mounts) made about 30% of all spans, 10 per gateway request, for microseconds of
      // synchronous work each; `http.route` is still set on the server span and its metrics.
      new ExpressInstrumentation({
        ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.ROUTER],
      }),
      new AmqplibInstrumentation(),
      // Statements run as named prepared statements (platform/db/pool.ts), which the instrumentation
      // would name by their opaque `flt_<n>`; the span keeps the operation's name, as unnamed.
      new PgInstrumentation({
        requireParentSpan: true,
        requestHook: (span, info) => {
          if (info.query.name) span.updateName(pgSpanName(info.query.text, info.connection.database));
        },
      }),
      new PinoInstrumentation({ disableLogSending: true }),
      // The gateway reads order's saga load twice a second: plumbing, not a trace of the fleet's work.
      new UndiciInstrumentation({ ignoreRequestHook: (req) => req.path === SAGA_LOAD_PATH }),
    ],
  });
  sdk.start();
  return sdk;
}

import { ROOT_CONTEXT, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { describeError } from '../errors.js';
import { RUNNER_SERVICE_NAME, type PlannedSpan } from './run-spans.js';

/** Where the runner's spans go: OTLP/HTTP base URLs (`/v1/traces` is appended), e.g. the run's receiver. */
export interface RunTraceTargets {
  /** Base URLs such as `http://127.0.0.1:4318`; duplicates are sent once. */
  endpoints: readonly string[];
  /** Per-export timeout in ms; default 5 000 (an unreachable endpoint never holds a run up longer). */
  timeoutMs?: number;
}

/**
 * Emits the planned spans (see run-spans.ts) through a tracer provider local to this call (no
 * global registration, so nothing else in the process is affected) and flushes them to every
 * endpoint. Never throws: telemetry must not break a run. Returns one problem line per endpoint
 * the spans could not be delivered to.
 */
export async function exportRunSpans(
  planned: readonly PlannedSpan[],
  targets: RunTraceTargets,
): Promise<string[]> {
  const endpoints = [...new Set(targets.endpoints.map((e) => e.replace(/\/+$/, '')))];
  const timeoutMillis = targets.timeoutMs ?? 5000;
  const processors = endpoints.map((endpoint) => ({
    endpoint,
    processor: new BatchSpanProcessor(
      new OTLPTraceExporter({ url: `${endpoint}/v1/traces`, timeoutMillis }),
      {
        exportTimeoutMillis: timeoutMillis,
        maxQueueSize: 4096,
        maxExportBatchSize: 1024,
      },
    ),
  }));
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': RUNNER_SERVICE_NAME }),
    spanProcessors: processors.map((p) => p.processor),
  });
  const problems: string[] = [];
  try {
    emit(provider.getTracer('faultline-runner'), planned);
    for (const { endpoint, processor } of processors)
      await processor
        .forceFlush()
        .catch((err: unknown) => problems.push(`${endpoint}: ${describeError(err)}`));
  } catch (err) {
    problems.push(`cannot record the run's spans: ${describeError(err)}`);
  } finally {
    await provider.shutdown().catch(() => undefined);
  }
  return problems;
}

function emit(tracer: ReturnType<BasicTracerProvider['getTracer']>, planned: readonly PlannedSpan[]): void {
  const started: Span[] = [];
  for (const p of planned) {
    const parent = p.parent === undefined ? undefined : started[p.parent];
    const context = parent === undefined ? ROOT_CONTEXT : trace.setSpan(ROOT_CONTEXT, parent);
    const span = tracer.startSpan(p.name, { startTime: p.startMs, attributes: p.attributes }, context);
    for (const e of p.events ?? []) span.addEvent(e.name, e.attributes, e.atMs);
    if (p.error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: p.error });
    started.push(span);
  }
  // Children end before their parent, as they would have live.
  for (let i = started.length - 1; i >= 0; i--) started[i]?.end(planned[i]?.endMs);
}

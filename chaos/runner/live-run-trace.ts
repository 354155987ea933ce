import { ROOT_CONTEXT, SpanStatusCode, TraceFlags, trace, type Context } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  RandomIdGenerator,
  type IdGenerator,
} from '@opentelemetry/sdk-trace-base';
import { describeError } from '../errors.js';
import { RUN_SPAN_ATTRIBUTES, RUNNER_SERVICE_NAME, type PlannedSpan } from './run-spans.js';

/** Where the runner's spans go: OTLP/HTTP base URLs (`/v1/traces` is appended), e.g. the run's receiver. */
export interface RunTraceTargets {
  /** Base URLs such as `http://127.0.0.1:4318`; duplicates are sent once. */
  endpoints: readonly string[];
  /** Per-export timeout in ms; default 5 000 (an unreachable endpoint never holds a run up longer). */
  timeoutMs?: number;
}

/** Hands out the preset root ids once, then random ids, so children can name a root not yet ended. */
class PresetIds implements IdGenerator {
  private readonly random = new RandomIdGenerator();
  nextSpanId: string | undefined;
  constructor(private readonly traceId: string) {}
  generateTraceId(): string {
    return this.traceId;
  }
  generateSpanId(): string {
    const id = this.nextSpanId ?? this.random.generateSpanId();
    this.nextSpanId = undefined;
    return id;
  }
}

/**
 * The runner's own trace, exported as the run goes (see run-spans.ts for its shape):
 *
 *   start ──► send(children done so far) ──► … ──► finish(every span) ──► flush, shut down
 *              each new span is flushed at once       the root `experiment` span ends last
 *
 * The trace and root span ids are fixed at start, so a child sent mid-run already names the root
 * as its parent. A controller killed mid-run leaves every span it had sent at the endpoints (a
 * `faultline collect` file, the Collector): the root, never ended, is the one span missing.
 * A span is sent once, keyed by name, start and fault name. Never throws: telemetry must not break
 * a run; `finish` returns one problem line per endpoint the spans could not be delivered to.
 */
export class LiveRunTrace {
  private readonly sent = new Map<string, PlannedSpan>();
  private readonly problems = new Map<string, string>();
  private readonly rootContext: Context;
  private finished = false;

  private constructor(
    private readonly provider: BasicTracerProvider,
    private readonly processors: readonly { endpoint: string; processor: BatchSpanProcessor }[],
    private readonly ids: PresetIds,
    private readonly rootSpanId: string,
  ) {
    this.rootContext = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: ids.generateTraceId(),
      spanId: rootSpanId,
      traceFlags: TraceFlags.SAMPLED,
    });
  }

  /** A tracer provider local to this run (no global registration), one processor per endpoint. */
  static start(targets: RunTraceTargets): LiveRunTrace {
    const endpoints = [...new Set(targets.endpoints.map((e) => e.replace(/\/+$/, '')))];
    const timeoutMillis = targets.timeoutMs ?? 5000;
    const processors = endpoints.map((endpoint) => ({
      endpoint,
      processor: new BatchSpanProcessor(
        new OTLPTraceExporter({ url: `${endpoint}/v1/traces`, timeoutMillis }),
        { exportTimeoutMillis: timeoutMillis, maxQueueSize: 4096, maxExportBatchSize: 1024 },
      ),
    }));
    const random = new RandomIdGenerator();
    const ids = new PresetIds(random.generateTraceId());
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': RUNNER_SERVICE_NAME }),
      spanProcessors: processors.map((p) => p.processor),
      idGenerator: ids,
    });
    return new LiveRunTrace(provider, processors, ids, random.generateSpanId());
  }

  /** The run's trace id (lowercase hex). */
  get traceId(): string {
    return this.ids.generateTraceId();
  }

  /**
   * Sends the children of `planned` (index 0 is the root, left for `finish`) not sent yet, and
   * flushes them at once. Call it with only the spans that have ended.
   */
  send(planned: readonly PlannedSpan[]): void {
    if (this.finished || this.emitChildren(planned) === 0) return;
    for (const { endpoint, processor } of this.processors)
      processor.forceFlush().catch((err: unknown) => this.problems.set(endpoint, describeError(err)));
  }

  /**
   * Sends what is left of the final plan, then the root; flushes and shuts down. Only the first
   * call does anything (`finish([])` after a failed run just flushes and shuts down).
   */
  async finish(planned: readonly PlannedSpan[]): Promise<string[]> {
    if (this.finished) return [];
    this.finished = true;
    try {
      this.emitChildren(planned);
      const root = planned[0];
      if (root !== undefined) this.emitRoot(root, planned);
      for (const { endpoint, processor } of this.processors)
        await processor.forceFlush().catch((err: unknown) => this.problems.set(endpoint, describeError(err)));
    } catch (err) {
      this.problems.set('', `cannot record the run's spans: ${describeError(err)}`);
    } finally {
      await this.provider.shutdown().catch(() => undefined);
    }
    return [...this.problems].map(([endpoint, problem]) => (endpoint ? `${endpoint}: ${problem}` : problem));
  }

  /** Emits the children not sent yet; returns how many. */
  private emitChildren(planned: readonly PlannedSpan[]): number {
    const tracer = this.provider.getTracer('faultline-runner');
    let emitted = 0;
    for (const p of planned.slice(1)) {
      const key = spanKey(p);
      if (this.sent.has(key)) continue;
      this.sent.set(key, p);
      const span = tracer.startSpan(
        p.name,
        { startTime: p.startMs, attributes: p.attributes },
        this.rootContext,
      );
      for (const e of p.events ?? []) span.addEvent(e.name, e.attributes, e.atMs);
      if (p.error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: p.error });
      span.end(p.endMs);
      emitted++;
    }
    return emitted;
  }

  /**
   * The root, with the preset id. A fault whose span was sent before a later check found it
   * failed (a toxic left on the proxy) gets a `fault error` event here, so the failure is kept.
   */
  private emitRoot(root: PlannedSpan, planned: readonly PlannedSpan[]): void {
    this.ids.nextSpanId = this.rootSpanId;
    const span = this.provider
      .getTracer('faultline-runner')
      .startSpan(root.name, { startTime: root.startMs, attributes: root.attributes }, ROOT_CONTEXT);
    for (const e of root.events ?? []) span.addEvent(e.name, e.attributes, e.atMs);
    for (const p of planned.slice(1)) {
      const sent = this.sent.get(spanKey(p));
      if (p.error !== undefined && sent !== undefined && sent.error !== p.error)
        span.addEvent('fault error', {
          [RUN_SPAN_ATTRIBUTES.faultName]: String(p.attributes[RUN_SPAN_ATTRIBUTES.faultName] ?? p.name),
          'exception.message': p.error,
        });
    }
    if (root.error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: root.error });
    span.end(root.endMs);
  }
}

function spanKey(p: PlannedSpan): string {
  return `${p.name}\u0000${p.startMs}\u0000${String(p.attributes[RUN_SPAN_ATTRIBUTES.faultName] ?? '')}`;
}

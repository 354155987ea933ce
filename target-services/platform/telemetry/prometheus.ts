import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PrometheusExporter } from '@opentelemetry/exporter-prometheus';

// The exporter is created by the --import'ed register module and served by the service's own
// HTTP server; a global slot is the one hand-over point between the two module graphs.
const SLOT = Symbol.for('faultline.prometheusExporter');
type Slot = { [SLOT]?: PrometheusExporter };

/** Called once by the telemetry bootstrap. */
export function setPrometheusExporter(exporter: PrometheusExporter): void {
  (globalThis as Slot)[SLOT] = exporter;
}

/** Serves `/metrics`; answers 503 text when telemetry was not bootstrapped (e.g. unit tests). */
export function serveMetrics(req: IncomingMessage, res: ServerResponse): void {
  const exporter = (globalThis as Slot)[SLOT];
  if (!exporter) {
    res.statusCode = 503;
    res.end('# telemetry not started (run with --import register.js)\n');
    return;
  }
  exporter.getMetricsRequestHandler(req, res);
}

const SHUTDOWN = Symbol.for('faultline.telemetryShutdown');
type ShutdownSlot = { [SHUTDOWN]?: () => Promise<void> };

/** Called once by the telemetry bootstrap with the SDK's shutdown (flushes spans and metrics). */
export function setTelemetryShutdown(shutdown: () => Promise<void>): void {
  (globalThis as ShutdownSlot)[SHUTDOWN] = shutdown;
}

/** Flushes and stops telemetry, at most `timeoutMs` (default 2000); never throws. */
export async function shutdownTelemetry(timeoutMs = 2000): Promise<void> {
  const shutdown = (globalThis as ShutdownSlot)[SHUTDOWN];
  if (!shutdown) return;
  await Promise.race([
    shutdown().catch(() => undefined),
    new Promise((r) => setTimeout(r, timeoutMs).unref()),
  ]);
}

/**
 * Loaded with `node --import` before a service's main module: registers OpenTelemetry's ESM loader
 * hook (so express, pg, amqplib, pino and http get instrumented when they load), then starts the
 * SDK. Traces go to OTLP/HTTP only when an OTLP endpoint env var is set; otherwise spans are made
 * (for propagation and log correlation) and dropped: no exporter, no crash, no noise. Metrics are
 * read by the Prometheus exporter that the service serves on its own `/metrics`.
 */
import { register } from 'node:module';
import { setTelemetryShutdown } from './prometheus.js';
import { startTelemetry } from './sdk.js';

register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
const sdk = startTelemetry(process.env);

// Services flush through this on graceful shutdown (they end with process.exit).
setTelemetryShutdown(() => sdk.shutdown());

import { pino, type Logger } from 'pino';

/**
 * The service logger: JSON lines on stdout. `trace_id`/`span_id` are added by the pino
 * instrumentation when a span is active. Secrets are redacted by path as a second line of defence.
 */
export function createLogger(service: string, level: string): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    redact: {
      paths: [
        '*.password',
        '*.PGPASSWORD',
        '*.AMQP_PASSWORD',
        'req.headers["x-api-key"]',
        'req.headers.authorization',
      ],
      censor: '[redacted]',
    },
  });
}
export type { Logger };

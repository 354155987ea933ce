import { pino, type Logger } from 'pino';

let stdoutErrorsIgnored = false;

/**
 * Log lines go to `process.stdout` rather than pino's default sonic-boom destination. When the
 * reader of a service's stdout is gone (its launcher was SIGKILLed), sonic-boom 4's exit-time
 * `flushSync` retries the failed write every 100 ms forever (it sleeps on EPIPE, not only on
 * EAGAIN), so `process.exit` never returned and the service outlived its launcher, deaf to
 * SIGTERM. Node's stream writes straight to the pipe while it has room, buffers otherwise, never
 * blocks exit, and reports EPIPE as an 'error' event, ignored here: nobody is left to read.
 */
function stdoutDestination(): NodeJS.WriteStream {
  if (!stdoutErrorsIgnored) {
    process.stdout.on('error', () => undefined);
    stdoutErrorsIgnored = true;
  }
  return process.stdout;
}

/**
 * The service logger: JSON lines on stdout. `trace_id`/`span_id` are added by the pino
 * instrumentation when a span is active. Secrets are redacted by path as a second line of defence.
 */
export function createLogger(service: string, level: string): Logger {
  return pino(
    {
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
    },
    stdoutDestination(),
  );
}
export type { Logger };

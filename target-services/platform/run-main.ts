import { pino } from 'pino';

/**
 * Runs a service's start-up; on failure writes ONE JSON log line (code + message with every
 * config problem, no stack unless LOG_LEVEL=debug) and exits 1.
 */
export function runMain(service: string, start: () => Promise<void>): void {
  start().catch((err: unknown) => {
    const e = err as { code?: string; message?: string; cause?: unknown };
    const cause = e.cause instanceof Error ? e.cause.message : undefined;
    const logger = pino({ name: service, base: { service } }, pino.destination(2));
    logger.fatal(
      { code: e.code ?? 'ERR_START', cause, ...(process.env['LOG_LEVEL'] === 'debug' ? { err } : {}) },
      e.message ?? String(err),
    );
    logger.flush();
    process.exitCode = 1;
    setTimeout(() => process.exit(1), 100).unref();
  });
}

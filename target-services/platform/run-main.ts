import { pino } from 'pino';
import { armLifeline } from './lifeline.js';

/**
 * Runs a service's start-up; on failure writes ONE JSON log line (code + message with every
 * config problem, no stack unless LOG_LEVEL=debug) and exits 1. Arms the launcher lifeline first
 * (`lifeline.ts`): a service whose launcher is already gone exits at once, and one whose launcher
 * dies while it is still starting exits when it notices, instead of finishing its start-up alone.
 */
export function runMain(service: string, start: () => Promise<void>): void {
  armLifeline(service);
  start().catch((err: unknown) => {
    const e = err as { code?: string; message?: string; cause?: unknown };
    const cause = e.cause instanceof Error ? e.cause.message : undefined;
    // process.stderr, not pino.destination(2): sonic-boom retries a write to a closed pipe for
    // ever (see logger.ts), which would keep a service whose launcher died from exiting.
    process.stderr.on('error', () => undefined);
    const logger = pino({ name: service, base: { service } }, process.stderr);
    logger.fatal(
      { code: e.code ?? 'ERR_START', cause, ...(process.env['LOG_LEVEL'] === 'debug' ? { err } : {}) },
      e.message ?? String(err),
    );
    process.exitCode = 1;
    setTimeout(() => process.exit(1), 100).unref();
  });
}

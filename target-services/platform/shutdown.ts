import { onLauncherGone } from './lifeline.js';
import type { Logger } from './logger.js';
import { shutdownTelemetry } from './telemetry/prometheus.js';

/** One step of an orderly stop; failures are logged and the next step still runs. */
export interface ShutdownStep {
  name: string;
  run: () => Promise<void>;
}

/**
 * Installs SIGTERM/SIGINT handlers that run `steps` in order (stop consuming, drain, close),
 * bounded by `graceMs`, then exit 0 (or 1 when the grace period ran out). A service started by
 * the fleet launcher (with an IPC channel) stops the same way when that channel closes: its
 * launcher is gone, even if it was killed with SIGKILL, so nothing is left running on its ports.
 * If the channel is already closed when this is called, the service exits at once
 * (`lifeline.ts`).
 */
export function onShutdownSignal(
  steps: () => readonly ShutdownStep[],
  logger: Logger,
  graceMs: number,
): void {
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error({ graceMs }, 'shutdown grace period exceeded');
      process.exit(1);
    }, graceMs);
    timer.unref();
    for (const step of steps()) {
      await step.run().catch((err: unknown) => logger.warn({ err, step: step.name }, 'shutdown step failed'));
    }
    logger.info('stopped');
    await shutdownTelemetry();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  const service = String(logger.bindings()['service'] ?? 'service');
  onLauncherGone(service, (reason) => void stop(reason));
}

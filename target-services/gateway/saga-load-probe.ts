import { sagaLoadSchema, SAGA_LOAD_PATH, type SagaLoad } from '../contracts/saga-load.js';
import { callJson } from '../platform/http/client.js';
import type { Address } from '../platform/links.js';
import type { Logger } from '../platform/logger.js';
import type { LoadReading } from './shed-rule.js';

/** Reads one saga-load report; resolves undefined when order did not give a valid one. */
export type ReadSagaLoad = () => Promise<SagaLoad | undefined>;

/** Reads order's `GET /internal/saga-load` over the gateway-order link, with a hard timeout. */
export function sagaLoadReader(order: Address, timeoutMs: number): ReadSagaLoad {
  return async () => {
    const r = await callJson(order, 'GET', SAGA_LOAD_PATH, undefined, timeoutMs);
    if (!r.ok || r.status !== 200) return undefined;
    const parsed = sagaLoadSchema.safeParse(r.body);
    return parsed.success ? parsed.data : undefined;
  };
}

/**
 * Polls order's saga load every `intervalMs` (one read at a time, never overlapping) and keeps
 * the latest good reading, stamped with the gateway's clock, with the orders admitted since it
 * came (`noteAdmitted`). A failed read keeps the previous reading, which the shedding rule stops
 * trusting once it is stale.
 */
export class SagaLoadProbe {
  private reading: LoadReading | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private failing = false;

  constructor(
    private readonly read: ReadSagaLoad,
    private readonly nowMs: () => number,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  /** The latest good reading, if any. */
  latest(): LoadReading | undefined {
    return this.reading;
  }

  /** Counts one order admitted since the latest reading. */
  noteAdmitted(): void {
    if (this.reading) this.reading.admittedSince++;
  }

  /** Starts polling (the first read at once). */
  start(): void {
    void this.poll();
  }

  /** Stops polling. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async poll(): Promise<void> {
    const load = await this.read().catch(() => undefined);
    if (load) this.reading = { load, atMs: this.nowMs(), admittedSince: 0 };
    if (!load !== this.failing) {
      this.failing = !load;
      if (this.failing) this.logger.warn('cannot read order saga load; new orders are admitted unchecked');
      else this.logger.info({ load }, 'reading order saga load');
    }
    if (!this.stopped) {
      this.timer = setTimeout(() => void this.poll(), this.intervalMs);
      this.timer.unref();
    }
  }
}

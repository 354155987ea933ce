import { context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import type pg from 'pg';
import { HEADERS } from '../../contracts/topology.js';
import { publishConfirmed, type AmqpConnection } from '../amqp/connection.js';
import { withTransaction } from '../db/transaction.js';
import type { Logger } from '../logger.js';
import type { Recorder } from '../telemetry/metrics.js';

interface OutboxRow {
  id: string;
  routing_key: string;
  type: string;
  body: unknown;
  headers: Record<string, string>;
}

/**
 * Publishes outbox rows in commit order with publisher confirms and marks them published in the
 * same transaction that locked them (`for update skip locked`, so two relays never double-send
 * a row they both see). Each publish runs in the trace context stored with the row, so the
 * AMQP hop stays in the order's trace. Polls every `intervalMs` (default 200) and on `kick()`.
 */
export class OutboxRelay {
  private timer?: NodeJS.Timeout;
  private gaugeTimer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private again = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly conn: AmqpConnection,
    private readonly exchange: string,
    private readonly logger: Logger,
    private readonly recorder: Recorder,
    private readonly intervalMs = 200,
  ) {}

  start(): void {
    this.schedule(0);
    // The backlog gauge has its own clock: a pass stuck on a confirm (a blocked connection during
    // a memory alarm) must not freeze it at its last value.
    this.gaugeTimer = setInterval(() => void this.measurePending(), 1000);
    this.gaugeTimer.unref();
  }

  /** Requests a pass now (after a commit). */
  kick(): void {
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.pass().finally(() => {
        this.running = undefined;
        this.schedule(this.again ? 0 : this.intervalMs);
        this.again = false;
      });
    }, ms);
  }

  private async pass(): Promise<void> {
    if (!this.conn.ready) return;
    try {
      let sent = 0;
      do sent = await this.publishBatch(100);
      while (sent === 100 && !this.stopped);
      await this.measurePending();
    } catch (err) {
      this.logger.warn({ err }, 'outbox relay pass failed; will retry');
    }
  }

  /** Records the unpublished rows as `outbox_pending`; a failed count is skipped, not thrown. */
  private async measurePending(): Promise<void> {
    if (this.stopped) return;
    try {
      const pending = await this.pool.query<{ n: string }>(
        'select count(*) as n from outbox where published_at is null',
      );
      this.recorder.record('outboxPending', Number(pending.rows[0]?.n ?? 0));
    } catch {
      // The database is unreachable: the next tick or pass measures again.
    }
  }

  private publishBatch(limit: number): Promise<number> {
    return withTransaction(this.pool, async (tx) => {
      const rows = (
        await tx.query<OutboxRow>(
          'select id, routing_key, type, body, headers from outbox where published_at is null order by seq limit $1 for update skip locked',
          [limit],
        )
      ).rows;
      for (const row of rows) {
        const started = performance.now();
        const parent = propagation.extract(ROOT_CONTEXT, row.headers ?? {});
        await context.with(parent, () =>
          publishConfirmed(
            this.conn.confirmChannel(),
            this.exchange,
            row.routing_key,
            Buffer.from(JSON.stringify(row.body)),
            { messageId: row.id, type: row.type, headers: { [HEADERS.type]: row.type } },
          ),
        );
        this.recorder.record('outboxPublishDuration', (performance.now() - started) / 1000);
        this.recorder.add('messagingPublished', 1, { 'messaging.destination.name': this.exchange });
      }
      if (rows.length)
        await tx.query('update outbox set published_at = now() where id = any($1::uuid[])', [
          rows.map((r) => r.id),
        ]);
      return rows.length;
    });
  }

  /** Stops polling and waits for the pass in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.gaugeTimer);
    await this.running;
  }
}

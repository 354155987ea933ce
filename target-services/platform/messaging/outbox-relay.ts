import { context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import type pg from 'pg';
import { HEADERS } from '../../contracts/topology.js';
import { publishConfirmed, type AmqpConnection } from '../amqp/connection.js';
import { withTransaction } from '../db/transaction.js';
import type { Logger } from '../logger.js';
import type { Recorder } from '../telemetry/metrics.js';
import { confirmedPrefix, type PrefixOutcome } from './confirmed-prefix.js';

/** Rows locked and published per transaction. */
const BATCH_ROWS = 100;

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
 * AMQP hop stays in the order's trace. Runs a pass on `kick()` (after every commit that wrote
 * rows) and polls every `intervalMs` (default 200) for rows a kick did not announce.
 *
 * ```
 * kick / poll ─► lock ≤100 rows ─► publish all (one channel, in order) ─► await every confirm
 *                      ▲                                                      │
 *                      └── more rows or a kick meanwhile ◄── mark the confirmed prefix published
 * ```
 *
 * A batch's confirms overlap: the broker confirms a pipeline of publishes at once instead of one
 * round trip per row. When a publish fails (nack, closed channel, no confirm in time) only the
 * rows before it are marked published; the rest are re-sent in order on a later pass and the
 * consumers' inbox drops any second copy.
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
      do sent = await this.publishBatch(BATCH_ROWS);
      while (sent === BATCH_ROWS && !this.stopped);
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

  private async publishBatch(limit: number): Promise<number> {
    const outcome = await withTransaction(this.pool, async (tx): Promise<PrefixOutcome> => {
      const rows = (
        await tx.query<OutboxRow>(
          'select id, routing_key, type, body, headers from outbox where published_at is null order by seq limit $1 for update skip locked',
          [limit],
        )
      ).rows;
      if (rows.length === 0) return { confirmed: 0 };
      const started = performance.now();
      const ch = this.conn.confirmChannel();
      // Publish the whole batch before awaiting any confirm; one channel keeps commit order.
      const confirms = rows.map((row) =>
        context.with(propagation.extract(ROOT_CONTEXT, row.headers ?? {}), () =>
          publishConfirmed(ch, this.exchange, row.routing_key, Buffer.from(JSON.stringify(row.body)), {
            messageId: row.id,
            type: row.type,
            headers: { [HEADERS.type]: row.type },
          }),
        ),
      );
      const result = confirmedPrefix(await Promise.allSettled(confirms));
      const seconds = (performance.now() - started) / 1000;
      for (let i = 0; i < result.confirmed; i++) this.recorder.record('outboxPublishDuration', seconds);
      if (result.confirmed > 0) {
        this.recorder.add('messagingPublished', result.confirmed, {
          'messaging.destination.name': this.exchange,
        });
        await tx.query('update outbox set published_at = now() where id = any($1::uuid[])', [
          rows.slice(0, result.confirmed).map((r) => r.id),
        ]);
      }
      return result;
    });
    // Thrown after the commit, so the confirmed prefix stays marked published.
    if (outcome.error !== undefined) throw outcome.error;
    return outcome.confirmed;
  }

  /** Stops polling and waits for the pass in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.gaugeTimer);
    await this.running;
  }
}

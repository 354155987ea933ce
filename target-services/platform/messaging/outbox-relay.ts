import type pg from 'pg';
import type { AmqpConnection } from '../amqp/connection.js';
import { withTransaction } from '../db/transaction.js';
import type { Logger } from '../logger.js';
import type { Recorder } from '../telemetry/metrics.js';
import type { PrefixOutcome } from './confirmed-prefix.js';
import { MarkBatcher } from './mark-batcher.js';
import { publishRows, type OutboxRow } from './outbox-publish.js';

/** Rows locked and published per transaction. */
const BATCH_ROWS = 100;

/**
 * Publishes outbox rows with publisher confirms and marks them published. Two paths:
 *
 * ```
 * commit ─► publishCommitted(rows) ─► claim ids ─► publish ─► confirms ─► mark (batched) ─► unclaim
 *                                                                  │ failure: unclaim, kick
 * kick / poll ─► pass: lock ≤100 unclaimed rows (skip locked) ─► publish ─► confirms ─► mark, commit
 * ```
 *
 * - **After a commit** the writer hands its rows over at once: they are published from memory
 *   and marked published in one statement, so a message leaves as soon as its transaction
 *   commits, without a read of the outbox. Their ids are claimed meanwhile, so this process's
 *   passes leave them alone. The marks of transactions confirmed while a mark runs go together in
 *   the next statement.
 * - **A pass** (every `intervalMs`, default 200, and on `kick()`) publishes what no commit handed
 *   over or what failed to go: rows written while the broker was away, by a process that died,
 *   or by another replica. It locks its rows (`for update skip locked`, so two relays never send
 *   a row they both see) and marks them in the same transaction.
 *
 * Either path publishes a batch on one confirm channel, in commit order, every publish before any
 * confirm is awaited. When a publish fails (nack, closed channel, no confirm in time) only the rows
 * before it are marked published; the rest go again, in order, on a later pass. A row can so be
 * sent twice (a crash between its confirm and its mark, or another replica's pass): the
 * consumers' inbox drops the second copy. Each publish runs in the trace context stored with its
 * row, so the AMQP hop stays in the order's trace.
 */
export class OutboxRelay {
  private timer?: NodeJS.Timeout;
  private gaugeTimer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private again = false;
  /** Ids being published by `publishCommitted`; passes skip them. */
  private readonly claimed = new Set<string>();
  private readonly direct = new Set<Promise<void>>();
  /** Marks the rows published after commit, many transactions' rows per statement. */
  private readonly marks = new MarkBatcher(async (ids) => {
    await this.pool.query('update outbox set published_at = now() where id = any($1::uuid[])', [ids]);
  });

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

  /** Requests a pass now. */
  kick(): void {
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  /**
   * Publishes rows whose transaction has just committed, without waiting for a pass; returns at
   * once (the caller never waits on the broker). Rows that do not go are left to a pass.
   */
  publishCommitted(rows: readonly OutboxRow[]): void {
    if (rows.length === 0) return;
    if (this.stopped || !this.conn.ready) {
      this.kick();
      return;
    }
    for (const r of rows) this.claimed.add(r.id);
    const done = this.publishClaimed(rows).finally(() => {
      for (const r of rows) this.claimed.delete(r.id);
      this.direct.delete(done);
    });
    this.direct.add(done);
  }

  private async publishClaimed(rows: readonly OutboxRow[]): Promise<void> {
    try {
      const outcome = await this.publish(rows);
      if (outcome.confirmed > 0) await this.marks.mark(rows.slice(0, outcome.confirmed).map((r) => r.id));
      if (outcome.error !== undefined) throw outcome.error;
    } catch (err) {
      this.logger.warn({ err }, 'outbox publish after commit failed; a relay pass will send it');
      // Unclaimed first (the caller's finally runs after this), then a pass picks the rows up.
      for (const r of rows) this.claimed.delete(r.id);
      this.kick();
    }
  }

  /** Publishes a batch and records the publish metrics; never rejects. */
  private async publish(rows: readonly OutboxRow[]): Promise<PrefixOutcome> {
    const started = performance.now();
    let outcome: PrefixOutcome;
    try {
      outcome = await publishRows(this.conn.confirmChannel(), this.exchange, rows);
    } catch (err) {
      return { confirmed: 0, error: err instanceof Error ? err : new Error(String(err)) };
    }
    const seconds = (performance.now() - started) / 1000;
    for (let i = 0; i < outcome.confirmed; i++) this.recorder.record('outboxPublishDuration', seconds);
    if (outcome.confirmed > 0)
      this.recorder.add('messagingPublished', outcome.confirmed, {
        'messaging.destination.name': this.exchange,
      });
    return outcome;
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
          'select id, routing_key, type, body, headers from outbox where published_at is null and not (id = any($2::uuid[])) order by seq limit $1 for update skip locked',
          [limit, [...this.claimed]],
        )
      ).rows;
      if (rows.length === 0) return { confirmed: 0 };
      const result = await this.publish(rows);
      if (result.confirmed > 0)
        await tx.query('update outbox set published_at = now() where id = any($1::uuid[])', [
          rows.slice(0, result.confirmed).map((r) => r.id),
        ]);
      return result;
    });
    // Thrown after the commit, so the confirmed prefix stays marked published.
    if (outcome.error !== undefined) throw outcome.error;
    return outcome.confirmed;
  }

  /** Stops polling and waits for the pass and the publishes in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.gaugeTimer);
    await this.running;
    await Promise.allSettled([...this.direct]);
  }
}

import { context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import type pg from 'pg';
import { HEADERS } from '../../contracts/topology.js';
import { publishConfirmed, type AmqpConnection } from '../amqp/connection.js';
import { withTransaction } from '../db/transaction.js';
import type { Recorder } from '../telemetry/metrics.js';
import { routingKeyOf, toEnvelope, type Outgoing } from './outgoing.js';
import type { OutboxRelay } from './outbox-relay.js';

/**
 * Runs a domain transaction and sends the messages it produced. With the outbox on (default) the
 * messages are rows written in the SAME transaction, handed to the relay as soon as it commits
 * (and published by a relay pass if that fails); with it off
 * they are published after commit, so a crash or broker outage in between loses them (the
 * window the outbox closes).
 */
export class Messenger {
  constructor(
    private readonly pool: pg.Pool,
    private readonly conn: AmqpConnection,
    private readonly exchange: string,
    private readonly outboxOn: boolean,
    private readonly relay: OutboxRelay | undefined,
    private readonly recorder: Recorder,
  ) {}

  /** `work` returns its result and the messages to send. */
  async transact<T>(work: (tx: pg.PoolClient) => Promise<{ result: T; send: Outgoing[] }>): Promise<T> {
    const now = new Date();
    const { result, envelopes } = await withTransaction(this.pool, async (tx) => {
      const out = await work(tx);
      const active: Record<string, string> = {};
      propagation.inject(context.active(), active);
      const envs = out.send.map((m) => ({ envelope: toEnvelope(m, now), headers: m.traceHeaders ?? active }));
      if (this.outboxOn) {
        for (const { envelope: e, headers } of envs) {
          await tx.query(
            'insert into outbox (id, routing_key, type, body, headers) values ($1, $2, $3, $4, $5)',
            [e.id, routingKeyOf(e.type), e.type, e, headers],
          );
        }
      }
      return { result: out.result, envelopes: envs };
    });
    if (envelopes.length === 0) return result;
    if (this.outboxOn)
      // Committed: publish now rather than at the relay's next pass (which covers any failure).
      this.relay?.publishCommitted(
        envelopes.map(({ envelope: e, headers }) => ({
          id: e.id,
          routing_key: routingKeyOf(e.type),
          type: e.type,
          body: e,
          headers,
        })),
      );
    else {
      for (const { envelope: e, headers } of envelopes) {
        await context.with(propagation.extract(ROOT_CONTEXT, headers), () =>
          publishConfirmed(
            this.conn.confirmChannel(),
            this.exchange,
            routingKeyOf(e.type),
            Buffer.from(JSON.stringify(e)),
            { messageId: e.id, type: e.type, headers: { [HEADERS.type]: e.type } },
          ),
        );
        this.recorder.add('messagingPublished', 1, { 'messaging.destination.name': this.exchange });
      }
    }
    return result;
  }
}

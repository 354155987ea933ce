import type pg from 'pg';
import type { Envelope } from '../../contracts/messages.js';
import type { MessageHandler } from '../amqp/consumer.js';
import type { Messenger } from './messenger.js';
import type { Outgoing } from './outgoing.js';

/** Domain logic for one message, inside the consumer's transaction. */
export type TransactionalHandler = (tx: pg.PoolClient, message: Envelope) => Promise<Outgoing[]>;

/**
 * An idempotent consumer: records the message id in the inbox and runs the domain handler in the
 * same transaction, so a redelivered message (same id) is recognised and skipped, and the
 * delivery is acked only after the commit. With `inboxOn` false the dedupe is skipped.
 */
export function createInboxHandler(
  messenger: Messenger,
  consumer: string,
  inboxOn: boolean,
  handle: TransactionalHandler,
): MessageHandler {
  return (message) =>
    messenger.transact(async (tx) => {
      if (inboxOn) {
        const fresh = await tx.query(
          'insert into inbox (message_id, consumer) values ($1, $2) on conflict do nothing',
          [message.id, consumer],
        );
        if (fresh.rowCount === 0) return { result: 'duplicate' as const, send: [] };
      }
      return { result: 'done' as const, send: await handle(tx, message) };
    });
}

import { SpanStatusCode, trace } from '@opentelemetry/api';
import type pg from 'pg';
import { REPLY_TYPE, type Envelope } from '../../contracts/messages.js';
import { ATTRIBUTES } from '../../contracts/telemetry-names.js';
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
      const send = await handle(tx, message);
      markFailedStep(message, send);
      return { result: 'done' as const, send };
    });
}

/**
 * A command whose reply says the step failed (the PSP declined, the carrier was unreachable, ...)
 * marks the consumer span ERROR with `saga.step`, `saga.outcome=failed` and `saga.reason`, so a
 * trace assertion can select "the failed shipping step" rather than any retried attempt.
 */
function markFailedStep(message: Envelope, send: readonly Outgoing[]): void {
  const failed = send.find((o) => o.type === REPLY_TYPE && o.payload['ok'] === false);
  if (failed === undefined) return;
  const span = trace.getActiveSpan();
  if (span === undefined) return;
  const reason = typeof failed.payload['reason'] === 'string' ? failed.payload['reason'] : 'failed';
  span.setAttributes({
    [ATTRIBUTES.sagaStep]: message.type,
    [ATTRIBUTES.sagaOutcome]: 'failed',
    [ATTRIBUTES.sagaReason]: reason,
  });
  span.setStatus({ code: SpanStatusCode.ERROR, message: `${message.type} failed: ${reason}` });
}

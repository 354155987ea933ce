import { context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import type { ConfirmChannel } from 'amqplib';
import { HEADERS } from '../../contracts/topology.js';
import { publishConfirmed } from '../amqp/connection.js';
import { confirmedPrefix, type PrefixOutcome } from './confirmed-prefix.js';

/** An outbox row as the relay publishes it. */
export interface OutboxRow {
  id: string;
  routing_key: string;
  type: string;
  body: unknown;
  /** Trace context of the transaction that wrote it (W3C headers). */
  headers: Record<string, string>;
}

/**
 * Publishes `rows` on one confirm channel, in order, every publish before any confirm is awaited
 * (the broker confirms the pipeline at once), each in the trace context stored with its row.
 * Resolves with the confirmed prefix (see `confirmedPrefix`); never rejects.
 */
export async function publishRows(
  ch: ConfirmChannel,
  exchange: string,
  rows: readonly OutboxRow[],
): Promise<PrefixOutcome> {
  const confirms = rows.map((row) =>
    context.with(propagation.extract(ROOT_CONTEXT, row.headers ?? {}), () =>
      publishConfirmed(ch, exchange, row.routing_key, Buffer.from(JSON.stringify(row.body)), {
        messageId: row.id,
        type: row.type,
        headers: { [HEADERS.type]: row.type },
      }),
    ),
  );
  return confirmedPrefix(await Promise.allSettled(confirms));
}

import type { Channel } from 'amqplib';
import { EXCHANGE, deadLetterQueue, retryQueue } from '../../contracts/topology.js';

/** Declares the saga exchange (idempotent). */
export async function declareExchange(ch: Channel, prefix: string): Promise<string> {
  const name = prefix + EXCHANGE;
  await ch.assertExchange(name, 'topic', { durable: true });
  return name;
}

/**
 * Declares a consumer's main queue (bound to the exchange), its retry queue (messages wait out
 * their per-message TTL, then dead-letter back to the main queue) and its DLQ. Idempotent, so it
 * runs again after every reconnect.
 */
export async function declareConsumerQueues(
  ch: Channel,
  prefix: string,
  queue: string,
  bindings: readonly string[],
): Promise<string> {
  const exchange = await declareExchange(ch, prefix);
  const main = prefix + queue;
  await ch.assertQueue(main, { durable: true });
  for (const key of bindings) await ch.bindQueue(main, exchange, key);
  await ch.assertQueue(retryQueue(main), {
    durable: true,
    arguments: { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': main },
  });
  await ch.assertQueue(deadLetterQueue(main), { durable: true });
  return main;
}

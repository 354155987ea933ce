/**
 * Exchange and queue names. Every name takes the run's prefix (`FAULTLINE_AMQP_PREFIX`) so tests
 * are isolated from a running demo fleet.
 */
export const EXCHANGE = 'faultline.saga';

/** Each consuming service, its queue and the routing keys bound to it. */
export const QUEUES = {
  order: { queue: 'order.replies', bindings: ['saga.reply'] },
  payment: { queue: 'payment.commands', bindings: ['payment.*'] },
  inventory: { queue: 'inventory.commands', bindings: ['inventory.*'] },
  shipping: { queue: 'shipping.commands', bindings: ['shipping.*'] },
} as const;
export type ConsumingService = keyof typeof QUEUES;

/** Retry queue name: messages wait here (per-message TTL) and dead-letter back to the main queue. */
export const retryQueue = (queue: string): string => `${queue}.retry`;
/** Dead-letter queue name: poison and exhausted messages, with `x-faultline-reason`. */
export const deadLetterQueue = (queue: string): string => `${queue}.dlq`;

/** Header names the platform sets. */
export const HEADERS = {
  attempt: 'x-faultline-attempt',
  reason: 'x-faultline-reason',
  type: 'x-faultline-type',
} as const;

import { randomUUID } from 'node:crypto';
import { REPLY_TYPE, type Envelope, type MessageType } from '../../contracts/messages.js';

/** A message a handler wants sent once its transaction commits. */
export interface Outgoing {
  type: MessageType;
  orderId: string;
  payload: Record<string, unknown>;
  /** Trace context to publish under (e.g. a saga step span); default: the active context. */
  traceHeaders?: Record<string, string>;
}

/** Wraps an outgoing message in the bus envelope with a fresh id (the consumers' dedupe key). */
export function toEnvelope(m: Outgoing, now: Date): Envelope {
  return {
    id: randomUUID(),
    type: m.type,
    orderId: m.orderId,
    sentAt: now.toISOString(),
    payload: m.payload,
  };
}

/** Routing key of a message: its type (commands route by `<service>.*`, replies by `saga.reply`). */
export function routingKeyOf(type: MessageType): string {
  return type === REPLY_TYPE ? REPLY_TYPE : type;
}

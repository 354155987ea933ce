import type { Channel, ConsumeMessage } from 'amqplib';
import { envelopeSchema, PAYLOAD_SCHEMAS, type Envelope } from '../../contracts/messages.js';
import { HEADERS, deadLetterQueue, retryQueue } from '../../contracts/topology.js';
import { PoisonMessageError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Recorder } from '../telemetry/metrics.js';
import { publishConfirmed, type AmqpConnection } from './connection.js';
import { isDependencyUnavailable } from './unavailable.js';
import { decideDelivery, type DeliveryDecision, type DeliveryFailure } from './delivery-outcome.js';

/** Handles one valid message; resolves `duplicate` when the inbox already saw it. */
export type MessageHandler = (message: Envelope) => Promise<'done' | 'duplicate'>;

export interface ConsumerOptions {
  queue: string;
  maxAttempts: number;
  retryBaseMs: number;
  handle: MessageHandler;
}

/** Parses and validates a delivery body; throws `PoisonMessageError` with the reason. */
export function parseEnvelope(body: Buffer): Envelope {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new PoisonMessageError('invalid JSON');
  }
  const env = envelopeSchema.safeParse(json);
  if (!env.success) {
    const unknownType = env.error.issues.some((i) => i.path[0] === 'type');
    throw new PoisonMessageError(
      unknownType
        ? `unknown message type ${JSON.stringify((json as { type?: unknown })?.type)}`
        : `invalid envelope: ${env.error.issues[0]?.message}`,
    );
  }
  const payload = PAYLOAD_SCHEMAS[env.data.type].safeParse(env.data.payload);
  if (!payload.success)
    throw new PoisonMessageError(
      `invalid ${env.data.type} payload: ${payload.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return { ...env.data, payload: payload.data };
}

/**
 * Starts consuming `queue` with manual acks. Every delivery ends as exactly one of ack, retry
 * (republished to the retry queue with a TTL, then acked) or dead-letter (republished to the DLQ
 * with the reason header, then acked). Nothing a message contains can crash the consumer.
 */
export async function startConsumer(
  ch: Channel,
  conn: AmqpConnection,
  opts: ConsumerOptions,
  logger: Logger,
  recorder: Recorder,
): Promise<string> {
  const ok = await ch.consume(opts.queue, (msg) => {
    if (msg) void handleDelivery(ch, conn, opts, msg, logger, recorder);
  });
  return ok.consumerTag;
}

async function handleDelivery(
  ch: Channel,
  conn: AmqpConnection,
  opts: ConsumerOptions,
  msg: ConsumeMessage,
  logger: Logger,
  recorder: Recorder,
): Promise<void> {
  const started = performance.now();
  const attempt = Number(msg.properties.headers?.[HEADERS.attempt] ?? 1);
  let failure: DeliveryFailure = { kind: 'none' };
  try {
    const envelope = parseEnvelope(msg.content);
    if ((await opts.handle(envelope)) === 'duplicate') failure = { kind: 'duplicate' };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    failure =
      err instanceof PoisonMessageError
        ? { kind: 'poison', reason }
        : isDependencyUnavailable(err)
          ? { kind: 'unavailable', reason }
          : { kind: 'error', reason };
  }
  const decision = decideDelivery(failure, attempt, opts.maxAttempts, opts.retryBaseMs);
  try {
    await settle(ch, conn, opts.queue, msg, attempt, decision);
  } catch (err) {
    // Could not republish (broker gone): leave it unacked; the broker redelivers it.
    logger.warn({ err, queue: opts.queue }, 'could not settle delivery');
    return;
  }
  if (decision.outcome !== 'ack')
    logger.warn(
      { queue: opts.queue, outcome: decision.outcome, reason: decision.reason ?? failure.kind, attempt },
      'delivery not processed',
    );
  const attrs = { 'messaging.destination.name': opts.queue };
  recorder.add('messagingProcessed', 1, { ...attrs, 'messaging.outcome': decision.outcome });
  recorder.record('messagingProcessDuration', (performance.now() - started) / 1000, attrs);
}

async function settle(
  ch: Channel,
  conn: AmqpConnection,
  queue: string,
  msg: ConsumeMessage,
  attempt: number,
  d: DeliveryDecision,
): Promise<void> {
  const headers: Record<string, unknown> = { ...(msg.properties.headers ?? {}) };
  const messageId = msg.properties.messageId as string | undefined;
  if (d.outcome === 'retry') {
    const options = {
      headers: { ...headers, [HEADERS.attempt]: d.keepAttempt ? attempt : attempt + 1 },
      expiration: String(d.delayMs),
      messageId,
    };
    await publishConfirmed(conn.confirmChannel(), '', retryQueue(queue), msg.content, options);
  } else if (d.outcome === 'dead_letter') {
    const options = {
      headers: { ...headers, [HEADERS.reason]: d.reason ?? 'unknown', [HEADERS.attempt]: attempt },
      messageId,
    };
    await publishConfirmed(conn.confirmChannel(), '', deadLetterQueue(queue), msg.content, options);
  }
  ch.ack(msg);
}

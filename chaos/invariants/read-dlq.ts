import amqp from 'amqplib';
import { FaultlineError } from '../errors.js';
import type { DlqMessage, DlqState } from './snapshot.js';

/** Where the dead-letter queues are. */
export interface DlqTarget {
  /** Default `amqp://guest:guest@127.0.0.1:5672`. */
  amqpUrl: string;
  /** RabbitMQ management API, credentials in the URL. Default `http://guest:guest@127.0.0.1:15672`. */
  managementUrl: string;
  /** Full names of the queues (prefix included). */
  queues: readonly string[];
  /** Peek at most this many messages per queue for their reasons (default 50). */
  peekLimit: number;
}

/** Exact depth of each queue via AMQP `checkQueue`; a missing queue is an environment error. */
async function readDepths(target: DlqTarget): Promise<number[]> {
  let conn: amqp.ChannelModel | undefined;
  try {
    conn = await amqp.connect(target.amqpUrl);
    const depths: number[] = [];
    for (const queue of target.queues) {
      // checkQueue on a missing queue closes the channel: one channel per queue.
      const ch = await conn.createChannel();
      depths.push((await ch.checkQueue(queue)).messageCount);
      await ch.close();
    }
    return depths;
  } catch (err) {
    throw new FaultlineError(
      'ERR_RECONCILE_DLQ_READ',
      `cannot read dead-letter queue depths (${target.queues.join(', ')})`,
      { cause: err },
    );
  } finally {
    await conn?.close().catch(() => undefined);
  }
}

interface ManagementMessage {
  payload?: string;
  properties?: { headers?: Record<string, unknown> };
}

function toDlqMessage(m: ManagementMessage): DlqMessage {
  const out: DlqMessage = {};
  const reason = m.properties?.headers?.['x-faultline-reason'];
  if (typeof reason === 'string') out.reason = reason;
  try {
    const body = JSON.parse(m.payload ?? '') as { orderId?: unknown };
    if (typeof body.orderId === 'string') out.orderId = body.orderId;
  } catch {
    // poison bodies are often not JSON; the reason header is what matters
  }
  return out;
}

/**
 * Peeks at a queue's messages through the management API (`ack_requeue_true`: the messages stay
 * in the queue). Returns [] when the API is unreachable: the depth alone then counts as unexplained.
 */
async function peek(target: DlqTarget, queue: string, count: number): Promise<DlqMessage[]> {
  const base = new URL(target.managementUrl);
  const auth = Buffer.from(
    `${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`,
  ).toString('base64');
  base.username = '';
  base.password = '';
  const url = new URL(`api/queues/%2F/${encodeURIComponent(queue)}/get`, base);
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Basic ${auth}`, 'content-type': 'application/json' },
      body: JSON.stringify({ count, ackmode: 'ack_requeue_true', encoding: 'auto', truncate: 4096 }),
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) return [];
    return ((await res.json()) as ManagementMessage[]).map(toDlqMessage);
  } catch {
    return [];
  }
}

/** Each dead-letter queue's depth (exact) and up to `peekLimit` of its messages' reasons. */
export async function readDlqs(target: DlqTarget): Promise<DlqState[]> {
  const depths = await readDepths(target);
  return Promise.all(
    target.queues.map(async (queue, i) => {
      const depth = depths[i] ?? 0;
      const messages = depth === 0 ? [] : await peek(target, queue, Math.min(depth, target.peekLimit));
      return { queue, depth, messages };
    }),
  );
}

import type { BrokerControl } from '../faults/broker-control.js';
import { FaultlineError } from '../errors.js';
import type { DlqState } from '../invariants/snapshot.js';

/**
 * `rabbitmqctl list_queues name messages --formatter json` (exec in the broker pod), as the arguments. Reads the exact
 * depth of every queue of the default vhost, with no broker credentials.
 */
export const LIST_QUEUES_ARGS = [
  'list_queues',
  '--quiet',
  '--formatter',
  'json',
  'name',
  'messages',
] as const;

/**
 * The depths of the dead-letter queues, read through `rabbitmqctl` in the broker pod. Messages are not peeked (their
 * reasons need the management API and the broker's credentials): a run checks with no explained reasons, so every
 * message in a dead-letter queue is a violation either way, only without the reasons and order ids in the detail.
 * @throws FaultlineError `ERR_RECONCILE_DLQ_READ` when the output cannot be read or a queue is missing
 */
export async function execDlqDepths(broker: BrokerControl, queues: readonly string[]): Promise<DlqState[]> {
  const fail = (why: string, cause?: unknown): FaultlineError =>
    new FaultlineError(
      'ERR_RECONCILE_DLQ_READ',
      `cannot read dead-letter queue depths (${queues.join(', ')}) with rabbitmqctl list_queues: ${why}`,
      cause === undefined ? undefined : { cause },
    );
  let out: string;
  try {
    out = await broker.rabbitmqctl(LIST_QUEUES_ARGS);
  } catch (err) {
    throw fail('exec failed', err);
  }
  const depths = parseListQueues(out);
  if (depths === undefined) throw fail(`unexpected output ${JSON.stringify(out.slice(0, 200))}`);
  return queues.map((queue) => {
    const depth = depths.get(queue);
    if (depth === undefined) throw fail(`no queue ${queue}`);
    return { queue, depth, messages: [] };
  });
}

/** Pure: queue name → depth from the JSON array `list_queues --formatter json` prints; undefined when malformed. */
export function parseListQueues(out: string): Map<string, number> | undefined {
  const start = out.indexOf('[');
  if (start < 0) return undefined;
  let rows: unknown;
  try {
    rows = JSON.parse(out.slice(start));
  } catch {
    return undefined;
  }
  if (!Array.isArray(rows)) return undefined;
  const depths = new Map<string, number>();
  for (const row of rows as { name?: unknown; messages?: unknown }[]) {
    if (typeof row?.name !== 'string' || typeof row.messages !== 'number') return undefined;
    depths.set(row.name, row.messages);
  }
  return depths;
}

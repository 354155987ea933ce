import assert from 'node:assert/strict';
import { execDlqDepths, LIST_QUEUES_ARGS, parseListQueues } from './exec-dlq-depths.js';

const broker = (out: string, seen: (readonly string[])[] = []) => ({
  rabbitmqctl: (args: readonly string[]) => {
    seen.push(args);
    return Promise.resolve(out);
  },
});

describe('dead-letter queue depths through rabbitmqctl list_queues (exec)', function () {
  it('reads the depth of each asked queue from the JSON output', async function () {
    const seen: (readonly string[])[] = [];
    // the shape RabbitMQ 3.x prints (captured from `rabbitmqctl list_queues --quiet --formatter json name messages`)
    const out =
      '[\n{"name":"a.dlq","messages":0}\n,{"name":"b.dlq","messages":4}\n,{"name":"b","messages":9}\n]\n';
    assert.deepEqual(await execDlqDepths(broker(out, seen), ['b.dlq', 'a.dlq']), [
      { queue: 'b.dlq', depth: 4, messages: [] },
      { queue: 'a.dlq', depth: 0, messages: [] },
    ]);
    assert.deepEqual(seen, [LIST_QUEUES_ARGS]);
  });

  it('a missing queue or unreadable output is ERR_RECONCILE_DLQ_READ, never an empty queue', async function () {
    await assert.rejects(execDlqDepths(broker('[{"name":"a.dlq","messages":0}]'), ['b.dlq']), {
      code: 'ERR_RECONCILE_DLQ_READ',
      message: /no queue b\.dlq/,
    });
    await assert.rejects(execDlqDepths(broker('Error: nodedown'), ['a.dlq']), {
      code: 'ERR_RECONCILE_DLQ_READ',
    });
    const failing = { rabbitmqctl: () => Promise.reject(new Error('exec refused')) };
    await assert.rejects(execDlqDepths(failing, ['a.dlq']), { code: 'ERR_RECONCILE_DLQ_READ' });
  });

  it('parseListQueues refuses rows without a name or a numeric depth', function () {
    assert.equal(parseListQueues('[{"name":"a"}]'), undefined);
    assert.equal(parseListQueues('{"name":"a","messages":1}'), undefined);
    assert.deepEqual([...(parseListQueues('[]') ?? new Map())], []);
  });
});

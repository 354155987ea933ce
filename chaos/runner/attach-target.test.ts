import assert from 'node:assert/strict';
import { FaultlineError } from '../errors.js';
import { otlpListenOf, reconcileTargetOf } from './attach-target.js';

const urls = {
  toxiproxy: 'http://127.0.0.1:8474',
  prometheus: 'http://127.0.0.1:9090',
  gateway: 'http://127.0.0.1:8080',
};
const dsn = (db: string, host = '127.0.0.1:5432') => `postgres://postgres@${host}/${db}`;
const code = (c: string) => (err: unknown) => err instanceof FaultlineError && err.code === c;

describe('reconcileTargetOf', () => {
  it('reads the server and the shared name prefix from the three DSNs', () => {
    const target = reconcileTargetOf({
      ...urls,
      databases: {
        order: dsn('run1_order_db'),
        payment: dsn('run1_payment_db'),
        inventory: dsn('run1_inventory_db'),
      },
      amqp: 'amqp://guest:guest@127.0.0.1:5672',
      amqpPrefix: 'run1.',
    });
    assert.deepEqual(target, {
      postgresUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
      dbPrefix: 'run1_',
      amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
      amqpPrefix: 'run1.',
    });
  });

  it('defaults to the local stores with no prefix', () => {
    assert.deepEqual(reconcileTargetOf(urls), { dbPrefix: '', amqpPrefix: '' });
  });

  const bad: [string, Record<string, string>, RegExp][] = [
    ['a missing database', { order: dsn('order_db'), payment: dsn('payment_db') }, /missing inventory/],
    [
      'a wrong database name',
      { order: dsn('orders'), payment: dsn('payment_db'), inventory: dsn('inventory_db') },
      /must end with order_db/,
    ],
    [
      'two servers',
      {
        order: dsn('order_db'),
        payment: dsn('payment_db', '127.0.0.1:5433'),
        inventory: dsn('inventory_db'),
      },
      /payment is on another server/,
    ],
    [
      'two prefixes',
      { order: dsn('a_order_db'), payment: dsn('b_payment_db'), inventory: dsn('a_inventory_db') },
      /payment has another name prefix/,
    ],
  ];
  for (const [name, databases, message] of bad)
    it(`refuses ${name}`, () => {
      assert.throws(
        () => reconcileTargetOf({ ...urls, databases }),
        (err: unknown) => {
          assert.ok(code('ERR_RUN_ATTACH_DATABASES')(err));
          assert.match((err as Error).message, message);
          return true;
        },
      );
    });
});

describe('otlpListenOf', () => {
  it('listens on the given loopback port, or a free one', () => {
    assert.deepEqual(otlpListenOf('http://127.0.0.1:4318'), { host: '127.0.0.1', port: 4318 });
    assert.deepEqual(otlpListenOf('http://localhost:4319/'), { host: '127.0.0.1', port: 4319 });
    assert.deepEqual(otlpListenOf(undefined), { host: '127.0.0.1', port: 0 });
  });

  it('refuses an address off loopback', () => {
    assert.throws(() => otlpListenOf('http://10.0.0.5:4318'), code('ERR_RUN_ATTACH_OTLP'));
  });
});

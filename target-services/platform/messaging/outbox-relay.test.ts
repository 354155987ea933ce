import { strict as assert } from 'node:assert';
import type pg from 'pg';
import type { AmqpConnection } from '../amqp/connection.js';
import type { Logger } from '../logger.js';
import type { Recorder } from '../telemetry/metrics.js';
import type { OutboxRow } from './outbox-publish.js';
import { OutboxRelay } from './outbox-relay.js';

/** A confirm channel whose confirms the test releases; `nack` ids are refused. */
class FakeChannel {
  published: string[] = [];
  private pending: (() => void)[] = [];
  constructor(private readonly nack = new Set<string>()) {}
  publish(_ex: string, _key: string, _body: Buffer, opts: { messageId: string }, cb: (err: unknown) => void) {
    this.published.push(opts.messageId);
    this.pending.push(() => cb(this.nack.has(opts.messageId) ? new Error('nack') : null));
    return true;
  }
  confirmAll(): void {
    for (const c of this.pending.splice(0)) c();
  }
}

/** A pool that records its statements; `select` answers with `rows` (unclaimed ones only). */
class FakePool {
  statements: { sql: string; params: unknown[] }[] = [];
  constructor(private readonly rows: OutboxRow[] = []) {}
  query(sql: string, params: unknown[] = []) {
    this.statements.push({ sql, params });
    if (sql.startsWith('select id')) {
      const claimed = new Set(params[1] as string[]);
      return Promise.resolve({ rows: this.rows.filter((r) => !claimed.has(r.id)) });
    }
    return Promise.resolve({ rows: [{ n: '0' }], rowCount: 0 });
  }
  connect() {
    return Promise.resolve({
      query: (sql: string, params?: unknown[]) => this.query(sql, params),
      on: () => undefined,
      off: () => undefined,
      release: () => undefined,
    });
  }
  marked(): string[][] {
    return this.statements
      .filter((s) => s.sql.startsWith('update outbox'))
      .map((s) => s.params[0] as string[]);
  }
}

const row = (id: string): OutboxRow => ({
  id,
  routing_key: 'payment.authorize',
  type: 'payment.authorize',
  body: { id },
  headers: {},
});
const warnings: unknown[] = [];
const logger = { warn: (o: unknown) => warnings.push(o) } as unknown as Logger;
const recorder: Recorder = { add: () => undefined, record: () => undefined };
const tick = () => new Promise((r) => setTimeout(r, 20));

function relayOf(pool: FakePool, ch: FakeChannel): OutboxRelay {
  const conn = { ready: true, confirmChannel: () => ch } as unknown as AmqpConnection;
  return new OutboxRelay(pool as unknown as pg.Pool, conn, 'ex', logger, recorder, 60_000);
}

describe('OutboxRelay.publishCommitted', () => {
  it('publishes committed rows at once, in order, and marks them published once confirmed', async () => {
    const pool = new FakePool();
    const ch = new FakeChannel();
    const relay = relayOf(pool, ch);
    relay.publishCommitted([row('a'), row('b')]);
    assert.deepEqual(ch.published, ['a', 'b'], 'both sent before any confirm');
    assert.deepEqual(pool.marked(), [], 'nothing marked before the confirms');
    ch.confirmAll();
    await tick();
    assert.deepEqual(pool.marked(), [['a', 'b']]);
    await relay.stop();
  });

  it('keeps rows it is publishing out of a pass, and lets a pass take them once released', async () => {
    const pool = new FakePool([row('a')]);
    const ch = new FakeChannel();
    const relay = relayOf(pool, ch);
    relay.publishCommitted([row('a')]);
    relay.kick();
    await tick();
    const select = pool.statements.find((s) => s.sql.startsWith('select id'));
    assert.deepEqual(select?.params[1], ['a'], 'the pass excluded the claimed row');
    assert.deepEqual(ch.published, ['a'], 'sent once');
    ch.confirmAll();
    await relay.stop();
  });

  it('marks only the rows before a refused one, and hands the rest to a pass', async () => {
    const pool = new FakePool();
    const ch = new FakeChannel(new Set(['b']));
    const relay = relayOf(pool, ch);
    warnings.length = 0;
    relay.publishCommitted([row('a'), row('b'), row('c')]);
    ch.confirmAll();
    await tick();
    assert.deepEqual(pool.marked()[0], ['a']);
    assert.equal(warnings.length, 1);
    const select = pool.statements.find((s) => s.sql.startsWith('select id'));
    assert.ok(select, 'a pass ran after the failure');
    assert.deepEqual(select.params[1], [], 'with nothing claimed, so b and c go again');
    await relay.stop();
  });

  it('leaves rows to a pass while the broker is down', async () => {
    const pool = new FakePool();
    const ch = new FakeChannel();
    const conn = { ready: false, confirmChannel: () => ch } as unknown as AmqpConnection;
    const relay = new OutboxRelay(pool as unknown as pg.Pool, conn, 'ex', logger, recorder, 60_000);
    relay.publishCommitted([row('a')]);
    await tick();
    assert.deepEqual(ch.published, []);
    await relay.stop();
  });
});

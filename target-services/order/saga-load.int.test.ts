import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../platform/db/migrate.js';
import { MIGRATIONS } from './migrations.js';
import { readSagaLoad } from './saga-load.js';

const ADMIN = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' };

describe('the saga-load report read from a real order_db (PostgreSQL)', () => {
  const database = `flt_sagaload_${process.pid}`;
  let pool: pg.Pool;

  before(async () => {
    const admin = new pg.Client(ADMIN);
    await admin.connect();
    await admin.query(`create database "${database}"`).finally(() => admin.end());
    pool = new pg.Pool({ ...ADMIN, database, max: 2 });
    await migrate(pool, MIGRATIONS);
  });
  after(async () => {
    await pool?.end();
    const admin = new pg.Client(ADMIN);
    await admin.connect();
    await admin.query(`drop database if exists "${database}"`).finally(() => admin.end());
  });
  beforeEach(async () => {
    await pool.query('delete from orders');
    // Rows and read must fall in one 5 s bucket (this takes well under a second): start early in one.
    const into = Date.now() % 5000;
    if (into > 2000) await new Promise((r) => setTimeout(r, 5000 - into + 50));
  });

  /** `n` orders made terminal `agoSec` seconds before the start of the current 5 s bucket (+0.5 s). */
  async function completed(n: number, agoSec: number): Promise<void> {
    for (let i = 0; i < n; i++)
      await pool.query(
        `insert into orders (id, customer_id, items, amount_cents, status, saga, terminal_at)
         values ($1, 'c', '[]', 1, 'completed', '{}',
                 to_timestamp(floor(extract(epoch from now()) / 5) * 5 - $2 + 0.5))`,
        [randomUUID(), agoSec],
      );
  }
  async function pending(n: number): Promise<void> {
    for (let i = 0; i < n; i++)
      await pool.query(
        `insert into orders (id, customer_id, items, amount_cents, status, saga) values ($1, 'c', '[]', 1, 'pending', '{}')`,
        [randomUUID()],
      );
  }

  it('puts each completion in its bucket: a stall after steady completions, its partial edge left out', async () => {
    // Buckets, oldest first (30 s window of 5 s): 10, 10, 10, 2, 0, 0.
    for (const ago of [30, 25, 20]) await completed(10, ago);
    await completed(2, 15);
    await completed(7, 0); // the current, incomplete bucket: not read
    await pending(4);
    const load = await readSagaLoad(pool, 5000);
    assert.equal(load.inFlight, 4);
    assert.equal(load.completedPerSec, 10 / 5);
    assert.equal(load.stalled, true);
    assert.deepEqual([load.windowSec, load.bucketSec, load.stepTimeoutMs], [30, 5, 5000]);
  });

  it('reads steady completions as no stall, and an empty window as a rate of 0', async () => {
    assert.deepEqual(await readSagaLoad(pool, null).then((l) => [l.completedPerSec, l.stalled, l.inFlight]), [
      0,
      false,
      0,
    ]);
    for (const ago of [30, 25, 20, 15, 10, 5]) await completed(5, ago);
    await completed(50, 35); // before the window: not read
    const load = await readSagaLoad(pool, null);
    assert.equal(load.completedPerSec, 1);
    assert.equal(load.stalled, false);
  });
});

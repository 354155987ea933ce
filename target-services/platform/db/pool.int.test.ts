import { strict as assert } from 'node:assert';
import pg from 'pg';
import { createLogger } from '../logger.js';
import { createPool, ensureDatabase, preparedStatementName } from './pool.js';
import { withTransaction } from './transaction.js';

const ADMIN = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' };

describe('the service pool on a real PostgreSQL: parametrised statements are prepared once per connection', () => {
  const database = `flt_pool_${process.pid}`;
  let pool: pg.Pool;

  before(async () => {
    await ensureDatabase({
      address: { host: '127.0.0.1', port: 5432 },
      user: 'postgres',
      password: '',
      database,
    });
    pool = createPool(
      { address: { host: '127.0.0.1', port: 5432 }, user: 'postgres', password: '', database },
      createLogger('pool-test', 'error'),
      1,
    );
    await pool.query('create table items (id int primary key, label text not null)');
  });
  after(async () => {
    await pool?.end();
    const admin = new pg.Client(ADMIN);
    await admin.connect();
    await admin.query(`drop database if exists "${database}"`).finally(() => admin.end());
  });

  const prepared = async (): Promise<{ name: string; statement: string; calls: number }[]> =>
    (
      await pool.query<{ name: string; statement: string; generic_plans: string; custom_plans: string }>(
        'select name, statement, generic_plans, custom_plans from pg_prepared_statements order by name',
      )
    ).rows.map((r) => ({
      name: r.name,
      statement: r.statement,
      calls: Number(r.generic_plans) + Number(r.custom_plans),
    }));

  it('runs a statement with parameters as a named prepared statement, and gives the same rows', async () => {
    const insert = 'insert into items (id, label) values ($1, $2) returning label';
    for (let i = 1; i <= 3; i++) {
      const r = await pool.query<{ label: string }>(insert, [i, `item ${i}`]);
      assert.deepEqual(r.rows, [{ label: `item ${i}` }]);
    }
    await withTransaction(pool, (tx) => tx.query(insert, [4, 'in a transaction']));
    const name = preparedStatementName(insert);
    assert.ok(name, 'the text has a name');
    // One connection (max 1): prepared once, executed four times.
    assert.deepEqual(
      (await prepared()).filter((p) => p.name === name),
      [{ name, statement: insert, calls: 4 }],
    );
    const all = await pool.query<{ n: string }>('select count(*) as n from items');
    assert.equal(all.rows[0]?.n, '4');
  });

  it('leaves statements without parameters, and query objects that name themselves, as they are', async () => {
    const before = (await prepared()).map((p) => p.name);
    await pool.query('select 1');
    await pool.query({ text: 'select label from items where id = $1', values: [1] });
    await pool.query({ name: 'mine', text: 'select id from items where label = $1', values: ['item 1'] });
    const after = (await prepared()).map((p) => p.name);
    assert.deepEqual([...after].sort(), [...before, 'mine'].sort());
  });

  it('reports a failing prepared statement as the error it is, and the connection stays usable', async () => {
    await assert.rejects(
      pool.query('insert into items (id, label) values ($1, $2)', [1, 'a duplicate']),
      (err: { code?: string }) => err.code === '23505',
    );
    const r = await pool.query<{ label: string }>('select label from items where id = $1', [1]);
    assert.deepEqual(r.rows, [{ label: 'item 1' }]);
  });
});

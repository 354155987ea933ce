/**
 * `npm run bench:statements`: what PostgreSQL spends on one of order's statements sent unnamed
 * (parsed and planned on every call) and through the services' pool, which prepares it once per
 * connection (platform/db/pool.ts). One connection each, on a scratch database; backend CPU is read
 * from `/proc/<backend pid>/stat` (Linux), so PostgreSQL must run on this machine. Prints µs per
 * call. `BENCH_CALLS` (default 20 000) calls per round, two rounds per side, alternating.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { createLogger } from '../../logger.js';
import { createPool } from '../pool.js';

const CALLS = Number(process.env['BENCH_CALLS'] ?? 20_000);
const ADMIN = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' };
const DATABASE = `flt_stmtbench_${process.pid}`;
const TICK_MS = 10; // USER_HZ 100

/** Order's saga transition (order/order-repository.ts), in shape: a CTE that locks, then updates. */
const TRANSITION = `with cur as (select id, status from orders where id = $1 for update)
  update orders o set status = $2, saga = o.saga || $3::jsonb, updated_at = now()
  from cur where o.id = cur.id returning o.id, cur.status as previous`;

function backendCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

async function round(
  query: (text: string, values: unknown[]) => Promise<unknown>,
  pid: number,
  ids: string[],
): Promise<{ cpuUs: number; wallUs: number }> {
  const cpu0 = backendCpuMs(pid);
  const t0 = performance.now();
  for (let i = 0; i < CALLS; i++)
    await query(TRANSITION, [ids[i % ids.length], i % 2 ? 'pending' : 'completed', '{"step":1}']);
  return {
    cpuUs: ((backendCpuMs(pid) - cpu0) * 1000) / CALLS,
    wallUs: ((performance.now() - t0) * 1000) / CALLS,
  };
}

async function main(): Promise<void> {
  const admin = new pg.Client(ADMIN);
  await admin.connect();
  await admin.query(`create database "${DATABASE}"`);
  const plain = new pg.Pool({ ...ADMIN, database: DATABASE, max: 1 });
  const prepared = createPool(
    { address: { host: ADMIN.host, port: ADMIN.port }, user: ADMIN.user, password: '', database: DATABASE },
    createLogger('statements-bench', 'error'),
    1,
  );
  try {
    await plain.query(
      `create table orders (id uuid primary key, status text not null, saga jsonb not null default '{}',
        updated_at timestamptz not null default now())`,
    );
    await plain.query(
      `insert into orders (id, status) select gen_random_uuid(), 'pending' from generate_series(1, 10000)`,
    );
    const ids = (await plain.query<{ id: string }>('select id from orders')).rows.map((r) => r.id);
    const pidOf = async (pool: pg.Pool): Promise<number> =>
      (await pool.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid ?? 0;
    const sides = [
      { label: 'unnamed (parse and plan per call)', pool: plain },
      { label: 'prepared once per connection    ', pool: prepared },
    ];
    process.stdout.write(`${CALLS} calls per round of order's saga transition, one connection each\n`);
    for (let r = 1; r <= 2; r++)
      for (const side of sides) {
        // Asked per round: the services' pool closes a connection idle for 10 s, so the other
        // side's round may have replaced it.
        const pid = await pidOf(side.pool);
        const m = await round((text, values) => side.pool.query(text, values), pid, ids);
        process.stdout.write(
          `round ${r}  ${side.label}  backend CPU ${m.cpuUs.toFixed(1)} µs/call  wall ${m.wallUs.toFixed(0)} µs/call\n`,
        );
      }
  } finally {
    await plain.end();
    await prepared.end();
    await admin.query(`drop database if exists "${DATABASE}"`);
    await admin.end();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:statements failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});

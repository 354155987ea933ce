import type pg from 'pg';
import { ServiceError } from '../errors.js';

/** One plain-SQL migration; `id` orders them and is recorded in `schema_migrations`. */
export interface Migration {
  id: string;
  sql: string;
}

/**
 * Applies the migrations not yet recorded, each in its own transaction, in `id` order. An advisory
 * lock serialises concurrent starters of the same service.
 */
export async function migrate(pool: pg.Pool, migrations: readonly Migration[]): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  // A connection lost mid-migration must fail the start-up with a clear error, not crash on an
  // unhandled 'error' event; the failing query reports it.
  let broken = false;
  const onError = (): void => {
    broken = true;
  };
  client.on('error', onError);
  try {
    await client.query('select pg_advisory_lock(7331)');
    await client.query(
      'create table if not exists schema_migrations (id text primary key, applied_at timestamptz not null default now())',
    );
    const done = new Set(
      (await client.query<{ id: string }>('select id from schema_migrations')).rows.map((r) => r.id),
    );
    for (const m of [...migrations].sort((a, b) => a.id.localeCompare(b.id))) {
      if (done.has(m.id)) continue;
      try {
        await client.query('begin');
        await client.query(m.sql);
        await client.query('insert into schema_migrations (id) values ($1)', [m.id]);
        await client.query('commit');
        applied.push(m.id);
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw new ServiceError('ERR_DB_MIGRATE', `migration ${m.id} failed`, { cause: err });
      }
    }
  } finally {
    await client.query('select pg_advisory_unlock(7331)').catch(() => undefined);
    client.off('error', onError);
    client.release(broken);
  }
  return applied;
}

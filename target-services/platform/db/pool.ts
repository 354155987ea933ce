import pg from 'pg';
import type { Address } from '../links.js';
import type { Logger } from '../logger.js';
import { ServiceError } from '../errors.js';

/** Where and as whom to connect. */
export interface DbTarget {
  address: Address;
  user: string;
  password: string;
  database: string;
}

/** Creates `target.database` if it does not exist (connects to the `postgres` maintenance DB). */
export async function ensureDatabase(target: DbTarget): Promise<void> {
  const client = new pg.Client({ ...connection(target), database: 'postgres' });
  try {
    await client.connect();
    const found = await client.query('select 1 from pg_database where datname = $1', [target.database]);
    if (found.rowCount === 0) await client.query(`create database "${target.database}"`);
  } catch (err) {
    // Two starters racing on the same name: the loser sees a duplicate; that is fine.
    if ((err as { code?: string }).code !== '42P04') {
      throw new ServiceError('ERR_DB_CREATE', `cannot create database ${target.database}`, { cause: err });
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Most distinct statement texts prepared per process; beyond it, statements run unnamed. */
const MAX_PREPARED_TEXTS = 500;
const statementNames = new Map<string, string>();

/**
 * The prepared-statement name of a parametrised statement's text (`flt_1`, `flt_2` … in the order
 * first seen in this process), or undefined once `MAX_PREPARED_TEXTS` texts have names: SQL built
 * with varying text must not grow every connection's statement cache without bound.
 */
export function preparedStatementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_PREPARED_TEXTS) {
    name = `flt_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * A client that runs every parametrised statement as a named prepared statement: the first use on
 * a connection parses and plans it, later uses only bind and execute. PostgreSQL then spends about
 * half the CPU on a statement (docs/performance.md), and one message less crosses the link.
 * Statements without parameters (`begin`, `commit`, DDL) keep the simple protocol, one round trip
 * with nothing to prepare. The call is otherwise passed through unchanged, so the instrumentation
 * that wraps `pg.Client.prototype.query` sees it.
 */
class PreparingClient extends pg.Client {}
PreparingClient.prototype.query = function (this: pg.Client, ...args: unknown[]): unknown {
  const [text, values] = args;
  if (typeof text === 'string' && Array.isArray(values) && values.length > 0) {
    const name = preparedStatementName(text);
    if (name !== undefined) args.splice(0, 2, { name, text, values });
  }
  return (pg.Client.prototype.query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

/**
 * A pool that survives a database restart or a dropped connection: idle-client errors are logged
 * (not thrown), checked-out clients are guarded by `withTransaction`, broken clients are
 * destroyed, and new queries open fresh connections, so the service reconnects on its own.
 */
export function createPool(target: DbTarget, logger: Logger, max = 10): pg.Pool {
  const pool = new pg.Pool({
    ...connection(target),
    max,
    Client: PreparingClient,
    connectionTimeoutMillis: 5000,
    // An idle fleet gives its connections back soon: two fleets share PostgreSQL's 100.
    idleTimeoutMillis: 10000,
    // Notices a silently dead connection (no RST) instead of waiting on it forever.
    keepAlive: true,
  });
  pool.on('error', (err) => logger.warn({ err }, 'postgres idle client error'));
  return pool;
}

/** True when one round trip to the database succeeds. */
export async function pingDatabase(pool: pg.Pool): Promise<boolean> {
  try {
    await pool.query('select 1');
    return true;
  } catch {
    return false;
  }
}

function connection(t: DbTarget): pg.ClientConfig {
  return {
    host: t.address.host,
    port: t.address.port,
    user: t.user,
    password: t.password || undefined,
    database: t.database,
  };
}

import type pg from 'pg';

/** Callbacks to run once a transaction commits, by the client it runs on. */
const afterCommit = new WeakMap<pg.PoolClient, (() => void)[]>();

/**
 * Runs `fn` once the transaction `tx` commits (not if it rolls back), e.g. to wake waiters on the
 * state it wrote. Outside `withTransaction` it runs at once. A throwing callback is ignored: the
 * commit has happened and must not be reported as failed.
 */
export function onCommit(tx: pg.PoolClient, fn: () => void): void {
  const list = afterCommit.get(tx);
  if (list) list.push(fn);
  else fn();
}

/**
 * Runs `work` inside BEGIN/COMMIT on one pooled client; rolls back and rethrows on error. A
 * connection lost while the client is checked out (database restart, link reset) makes the client
 * emit `error`; the listener here keeps that from crashing the process, the pending or next query
 * fails, and the broken client is destroyed instead of going back to the pool.
 */
export async function withTransaction<T>(pool: pg.Pool, work: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  const onError = (): void => {
    broken = true;
  };
  client.on('error', onError);
  const committed: (() => void)[] = [];
  afterCommit.set(client, committed);
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    afterCommit.delete(client);
    for (const fn of committed) {
      try {
        fn();
      } catch {
        // The commit happened; a waiter's wake-up failing must not turn it into an error.
      }
    }
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    afterCommit.delete(client);
    client.off('error', onError);
    client.release(broken);
  }
}

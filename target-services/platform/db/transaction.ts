import type pg from 'pg';

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
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

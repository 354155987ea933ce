import pg from 'pg';

/** Peak PostgreSQL connections one database of the fleet held during a step. */
export interface DbConnections {
  /** Most connections open at once (idle ones in a pool included). */
  open: number;
  /** Most connections busy at once (running a query or inside a transaction). */
  busy: number;
}

/**
 * Samples `pg_stat_activity` every `intervalMs` (default 200) for the databases whose name starts
 * with `dbPrefix`, keeping each one's peak open and busy connections: the measured need that pool
 * sizes are chosen from. `stop()` returns the peaks by database name without the prefix.
 */
export async function sampleConnections(
  dbPrefix: string,
  intervalMs = 200,
): Promise<{ stop: () => Promise<Record<string, DbConnections>> }> {
  const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
  // A lost connection ends the sampling (the loop's query fails); it must not crash the bench.
  client.on('error', () => undefined);
  await client.connect();
  const peaks: Record<string, DbConnections> = {};
  let running = true;
  const loop = (async () => {
    while (running) {
      const rows = (
        await client.query<{ db: string; open: string; busy: string }>(
          "select datname as db, count(*) as open, count(*) filter (where state <> 'idle') as busy from pg_stat_activity where starts_with(datname, $1) group by datname",
          [dbPrefix],
        )
      ).rows;
      for (const r of rows) {
        const name = r.db.slice(dbPrefix.length);
        const p = (peaks[name] ??= { open: 0, busy: 0 });
        p.open = Math.max(p.open, Number(r.open));
        p.busy = Math.max(p.busy, Number(r.busy));
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })().catch(() => undefined); // a failed sample ends the sampling; the peaks so far stand
  return {
    stop: async () => {
      running = false;
      await loop;
      await client.end();
      return peaks;
    },
  };
}

/** `order_db 12/25 · payment_db 4/10 …` (busy/open peaks), in name order. */
export function formatConnections(peaks: Record<string, DbConnections>): string {
  return Object.keys(peaks)
    .sort()
    .map((db) => `${db} ${peaks[db]!.busy}/${peaks[db]!.open}`)
    .join('  ');
}

import type { DuckDBConnection, DuckDBDataChunk, DuckDBResult, DuckDBValue } from '@duckdb/node-api';

/** One query of a streamed sequence. */
export interface StreamedQuery {
  sql: string;
  params: readonly DuckDBValue[];
}

/**
 * Runs `queries` in order and hands every result to `onChunk` one data chunk (up to 2 048 rows)
 * at a time, without materialising any, keeping DuckDB busy while `onChunk` runs:
 * - the next chunk of a result is fetched while `onChunk` reads the current one;
 * - the next query runs on the other connection (its scan and sort on DuckDB's threads) while
 *   the current one's chunks are read, so a pass split into several queries overlaps DuckDB's
 *   work with the caller's.
 * A query's failure, or `onChunk`'s, is thrown once every started query has settled.
 */
export async function streamQueries(
  connections: readonly [DuckDBConnection, DuckDBConnection],
  queries: readonly StreamedQuery[],
  onChunk: (chunk: DuckDBDataChunk) => void,
): Promise<void> {
  const start = (i: number): Promise<DuckDBResult> => {
    const q = queries[i]!;
    const started = connections[i % 2]!.stream(q.sql, [...q.params]);
    // Handled now, awaited later: a failure while the previous result is read is not unhandled.
    started.catch(() => undefined);
    return started;
  };
  let next = queries.length > 0 ? start(0) : undefined;
  try {
    for (let i = 0; i < queries.length; i++) {
      const result = await next!;
      next = i + 1 < queries.length ? start(i + 1) : undefined;
      await readResult(result, onChunk);
    }
  } catch (err) {
    await next?.catch(() => undefined);
    throw err;
  }
}

/** Hands one result's chunks to `onChunk`, fetching each next chunk while the current is read. */
async function readResult(result: DuckDBResult, onChunk: (chunk: DuckDBDataChunk) => void): Promise<void> {
  let next = result.fetchChunk();
  for (;;) {
    const chunk = await next;
    if (!chunk || chunk.rowCount === 0) return;
    next = result.fetchChunk();
    try {
      onChunk(chunk);
    } catch (err) {
      await next.catch(() => undefined);
      throw err;
    }
  }
}

import { setImmediate as yieldToLoop } from 'node:timers/promises';
import {
  DuckDBInstance,
  type DuckDBAppender,
  type DuckDBConnection,
  type DuckDBDataChunk,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import { FaultlineError } from '../errors.js';
import { streamQueries, type StreamedQuery } from './stream-queries.js';
import { CREATE_SPANS_HEX_VIEW_SQL, CREATE_SPANS_SQL, SPAN_COLUMNS, SPANS_TABLE } from './spans-schema.js';
import { appenderTypes, appendRows } from './span-columns.js';
import type { SpanRow } from './span-row.js';

/** Options of `SpanStore.open`. */
export interface SpanStoreOptions {
  /** DuckDB file path; default `:memory:`. */
  dbPath?: string;
  /** Rows waiting to be appended above which `isSaturated()` turns true; default 200 000. */
  maxPendingRows?: number;
  /** Rows appended between yields to the event loop; default 8 192. */
  chunkRows?: number;
  /**
   * Rows the appender buffers before it is flushed (one DuckDB commit); default 100 000. Commits
   * cost far more per call than per row, so large ones are what makes ingest fast.
   */
  flushRows?: number;
  /** Once the queue is empty, buffered rows are flushed after this many ms; default 200. */
  flushIdleMs?: number;
  /**
   * DuckDB's `memory_limit` (buffer pool: cached table blocks, hash tables, sorts), e.g. `1GB`.
   * Default {@link FILE_MEMORY_LIMIT} for a database file, whose blocks can always be re-read and
   * whose joins and sorts spill to `<file>.tmp`; DuckDB's own default (80% of RAM) for `:memory:`,
   * where the table itself lives in that pool.
   */
  memoryLimit?: string;
}

/**
 * The memory limit of a file-backed store: over 10 M spans, DuckDB left alone grows to 6 GiB
 * (generating the table) and 4 GiB (the assertion set) by caching blocks it could re-read.
 */
export const FILE_MEMORY_LIMIT = '1GB';

/** A row as returned by `query`: DuckDB values converted to JS (BIGINT -> bigint). */
export type QueryRow = Record<string, unknown>;

type Limits = Required<Omit<SpanStoreOptions, 'dbPath' | 'memoryLimit'>>;

/**
 * The DuckDB-backed span store. Rows are queued by `enqueue` and appended in chunks by a single
 * drain loop through the Appender API, which buffers them until `flushRows` are waiting, the queue
 * has been idle for `flushIdleMs`, or `flush()` is called; `query` runs on a separate connection
 * and sees every flushed row. The queue is bounded by the caller checking `isSaturated()` (the
 * receiver answers 503), so memory never grows without limit.
 */
export class SpanStore {
  private readonly queue: SpanRow[][] = [];
  private pending = 0;
  private unflushed = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private failure: unknown;
  private closed = false;
  private types: DuckDBType[];
  /** A second read connection, opened for the first `stream`. */
  private ahead: Promise<DuckDBConnection> | undefined;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly reader: DuckDBConnection,
    private appender: DuckDBAppender,
    private readonly limits: Limits,
  ) {
    this.types = appenderTypes(appender);
  }

  /** Opens (or creates) the database and the `spans` table. */
  static async open(options: SpanStoreOptions = {}): Promise<SpanStore> {
    const dbPath = options.dbPath ?? ':memory:';
    try {
      const memoryLimit = options.memoryLimit ?? (dbPath === ':memory:' ? undefined : FILE_MEMORY_LIMIT);
      const instance = await DuckDBInstance.create(
        dbPath,
        memoryLimit === undefined ? {} : { memory_limit: memoryLimit },
      );
      const writer = await instance.connect();
      await writer.run(CREATE_SPANS_SQL);
      await checkColumns(writer, dbPath);
      await writer.run(CREATE_SPANS_HEX_VIEW_SQL);
      const reader = await instance.connect();
      const appender = await writer.createAppender(SPANS_TABLE);
      return new SpanStore(instance, writer, reader, appender, {
        maxPendingRows: options.maxPendingRows ?? 200_000,
        chunkRows: options.chunkRows ?? 8192,
        flushRows: options.flushRows ?? 100_000,
        flushIdleMs: options.flushIdleMs ?? 200,
      });
    } catch (err) {
      if (err instanceof FaultlineError) throw err;
      throw new FaultlineError('ERR_STORE_OPEN', `cannot open the span store at ${dbPath}`, { cause: err });
    }
  }

  /** Rows accepted but not yet appended. */
  get pendingRows(): number {
    return this.pending;
  }

  /** True when the queue is over its bound: callers must refuse new data until it drains. */
  isSaturated(): boolean {
    return this.pending >= this.limits.maxPendingRows;
  }

  /** Queues rows for appending (never blocks); the drain loop starts if idle. */
  enqueue(rows: SpanRow[]): void {
    if (this.closed) throw new FaultlineError('ERR_STORE_CLOSED', 'the span store is closed');
    if (rows.length === 0) return;
    this.queue.push(rows);
    this.pending += rows.length;
    this.draining ??= this.drain().finally(() => (this.draining = undefined));
  }

  /** Resolves once every queued row is appended and visible to `query`; rejects on a write failure. */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
    await this.flushAppender();
    if (this.failure !== undefined) {
      throw new FaultlineError('ERR_STORE_WRITE', 'appending spans to DuckDB failed', {
        cause: this.failure,
      });
    }
  }

  private async drain(): Promise<void> {
    const { chunkRows, flushRows } = this.limits;
    while (this.queue.length > 0) {
      const batch = this.queue.shift()!;
      for (let i = 0; i < batch.length; i += chunkRows) {
        const chunk = batch.length <= chunkRows ? batch : batch.slice(i, i + chunkRows);
        try {
          appendRows(this.appender, this.types, chunk);
          this.unflushed += chunk.length;
        } catch (err) {
          await this.fail(err);
        }
        if (this.unflushed >= flushRows) await this.flushAppender();
        this.pending -= chunk.length;
        await yieldToLoop();
      }
    }
    this.scheduleIdleFlush();
  }

  /** Commits the appender's buffered rows (a no-op when none are buffered). */
  private async flushAppender(): Promise<void> {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.unflushed === 0) return;
    this.unflushed = 0;
    try {
      this.appender.flushSync();
    } catch (err) {
      await this.fail(err);
    }
  }

  private scheduleIdleFlush(): void {
    if (this.unflushed === 0 || this.idleTimer !== undefined || this.closed) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.draining === undefined) void this.flushAppender();
    }, this.limits.flushIdleMs);
    this.idleTimer.unref();
  }

  /** Records the first write failure (reported by `flush`) and replaces the broken appender. */
  private async fail(err: unknown): Promise<void> {
    this.failure ??= err;
    this.unflushed = 0;
    try {
      this.appender.closeSync();
    } catch {
      // The appender is already unusable; a fresh one replaces it below.
    }
    this.appender = await this.writer.createAppender(SPANS_TABLE);
    this.types = appenderTypes(this.appender);
  }

  /** Runs a parameterised SQL query (positional `?` values) and returns JS row objects. */
  async query(sql: string, params: readonly DuckDBValue[] = []): Promise<QueryRow[]> {
    try {
      const result = await this.reader.runAndReadAll(sql, [...params]);
      return result.getRowObjectsJS();
    } catch (err) {
      throw new FaultlineError('ERR_STORE_QUERY', 'a span query failed', { cause: err });
    }
  }

  /**
   * Runs queries in order and hands their results to `onChunk` one data chunk (up to 2 048 rows)
   * at a time without materialising them, each query running ahead on a second connection while
   * the previous one is read (stream-queries.ts): for passes over millions of rows (the
   * critical-path analysis). Read numeric columns with `chunk.getColumnVector(i).getItem(row)`.
   */
  async stream(queries: readonly StreamedQuery[], onChunk: (chunk: DuckDBDataChunk) => void): Promise<void> {
    try {
      this.ahead ??= this.instance.connect();
      await streamQueries([this.reader, await this.ahead], queries, onChunk);
    } catch (err) {
      throw new FaultlineError('ERR_STORE_QUERY', 'a streamed span query failed', { cause: err });
    }
  }

  /** Runs a statement on the writer connection (bulk generation in the benchmark, DDL). */
  async execute(sql: string, params: readonly DuckDBValue[] = []): Promise<void> {
    await this.flush();
    await this.writer.run(sql, [...params]);
  }

  /** Number of stored spans (after flushing the queue). */
  async count(): Promise<number> {
    await this.flush();
    const [row] = await this.query(`SELECT count(*) AS n FROM ${SPANS_TABLE}`);
    return Number(row?.['n'] ?? 0);
  }

  /** Writes every stored span to a Parquet file (zstd), ids as hex like the OTLP JSON encoding. */
  async exportParquet(path: string): Promise<void> {
    await this.flush();
    try {
      await this.writer.run(
        `COPY (SELECT * FROM spans_hex) TO '${path.replaceAll("'", "''")}' (FORMAT parquet, COMPRESSION zstd)`,
      );
    } catch (err) {
      throw new FaultlineError('ERR_STORE_EXPORT', `cannot export spans to ${path}`, { cause: err });
    }
  }

  /** Flushes, then closes the connections and the database. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.draining;
    clearTimeout(this.idleTimer);
    const ahead = await this.ahead?.catch(() => undefined);
    try {
      this.appender.closeSync();
    } finally {
      ahead?.closeSync();
      this.reader.closeSync();
      this.writer.closeSync();
      this.instance.closeSync();
    }
  }
}

/** Refuses a database whose `spans` table predates the current schema, rather than failing later. */
async function checkColumns(connection: DuckDBConnection, dbPath: string): Promise<void> {
  const result = await connection.runAndReadAll(
    `SELECT column_name FROM information_schema.columns WHERE table_name = '${SPANS_TABLE}' ` +
      `AND table_schema = 'main' ORDER BY ordinal_position`,
  );
  const found = (result.getColumnsJS()[0] ?? []).map((name) => (typeof name === 'string' ? name : ''));
  if (found.join(',') !== SPAN_COLUMNS.join(',')) {
    throw new FaultlineError(
      'ERR_STORE_SCHEMA',
      `${dbPath} holds a spans table with other columns (${found.join(', ')}); use a new database file`,
    );
  }
}

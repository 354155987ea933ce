import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { FaultlineError } from '../errors.js';
import type { SpanRow } from './span-row.js';
import { SpanStore } from './span-store.js';

function rows(count: number, from = 0): SpanRow[] {
  return Array.from({ length: count }, (_, i) => ({
    traceId: BigInt(from + i + 1) << 64n,
    spanId: BigInt(from + i + 1),
    parentSpanId: null,
    name: 'op',
    kind: 'PRODUCER',
    serviceName: 'svc',
    scopeName: 'scope',
    startUnixNano: 1_700_000_000_000_000_000n,
    endUnixNano: 1_700_000_000_002_000_000n,
    durationMs: 2,
    statusCode: 'ERROR',
    statusMessage: 'x',
    attributes: { 'http.route': '/orders', n: i },
    resourceAttributes: { 'service.name': 'svc' },
    events: [],
  }));
}

describe('SpanStore', function () {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-store-'));
    dirs.push(dir);
    return dir;
  };
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('buffers appended rows until flush(), then shows all of them with typed columns', async () => {
    const store = await SpanStore.open({ flushRows: 1_000_000, flushIdleMs: 60_000 });
    try {
      store.enqueue(rows(3000));
      await sleep(50);
      const [before] = await store.query('SELECT count(*) AS n FROM spans');
      assert.equal(before?.['n'], 0n, 'rows stay in the appender below flushRows');
      await store.flush();
      const [after] = await store.query(
        `SELECT count(*) AS n, any_value(kind) AS kind, any_value(status_code) AS status, any_value(http_route) AS route FROM spans`,
      );
      assert.deepEqual(after, { n: 3000n, kind: 'PRODUCER', status: 'ERROR', route: '/orders' });
    } finally {
      await store.close();
    }
  });

  it('flushes on its own once the queue has been idle', async () => {
    const store = await SpanStore.open({ flushRows: 1000, flushIdleMs: 20 });
    try {
      store.enqueue(rows(10));
      let n = 0n;
      for (let i = 0; i < 200 && n === 0n; i++) {
        await sleep(10);
        n = (await store.query('SELECT count(*) AS n FROM spans'))[0]?.['n'] as bigint;
      }
      assert.equal(n, 10n);
      assert.equal(await store.count(), 10);
    } finally {
      await store.close();
    }
  });

  it('refuses a database whose spans table has other columns', async () => {
    const path = join(tempDir(), 'old.duckdb');
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    await connection.run('CREATE TABLE spans (trace_id VARCHAR, name VARCHAR)');
    connection.closeSync();
    instance.closeSync();
    await assert.rejects(
      SpanStore.open({ dbPath: path }),
      (err: unknown) => err instanceof FaultlineError && err.code === 'ERR_STORE_SCHEMA',
    );
  });

  it('keeps the spans of a database file across reopening', async () => {
    const path = join(tempDir(), 'run.duckdb');
    const first = await SpanStore.open({ dbPath: path });
    first.enqueue(rows(5));
    await first.flush();
    await first.close();
    const second = await SpanStore.open({ dbPath: path });
    try {
      second.enqueue(rows(5, 5));
      assert.equal(await second.count(), 10);
    } finally {
      await second.close();
    }
  });

  it('caps DuckDB at 1 GB for a database file, honours memoryLimit, and leaves an in-memory store at the default', async () => {
    const limitOf = async (options: Parameters<typeof SpanStore.open>[0]) => {
      const store = await SpanStore.open(options);
      try {
        const [row] = await store.query(`SELECT current_setting('memory_limit') AS m`);
        return String(row?.['m']);
      } finally {
        await store.close();
      }
    };
    // DuckDB prints 1 GB (10^9 bytes) as 953.6 MiB and 512 MB as 488.2 MiB.
    assert.equal(await limitOf({ dbPath: join(tempDir(), 'a.duckdb') }), '953.6 MiB');
    assert.equal(await limitOf({ dbPath: join(tempDir(), 'b.duckdb'), memoryLimit: '512MB' }), '488.2 MiB');
    assert.notEqual(await limitOf({}), '953.6 MiB');
  });

  it('streams several queries in order, chunk by chunk, and reports a failing one without losing the error', async () => {
    const store = await SpanStore.open();
    try {
      store.enqueue(rows(5000));
      await store.flush();
      const seen: number[] = [];
      const q = (from: number, to: number) => ({
        sql: `SELECT span_id::DOUBLE AS id FROM spans WHERE span_id BETWEEN ? AND ? ORDER BY span_id`,
        params: [from, to],
      });
      let chunks = 0;
      await store.stream([q(1, 3000), q(3001, 3002), q(4001, 5000)], (chunk) => {
        chunks++;
        const v = chunk.getColumnVector(0);
        for (let r = 0; r < chunk.rowCount; r++) seen.push(v.getItem(r) as number);
      });
      const expected = [
        ...Array.from({ length: 3002 }, (_, i) => i + 1),
        ...Array.from({ length: 1000 }, (_, i) => i + 4001),
      ];
      assert.deepEqual(seen, expected);
      assert.ok(chunks >= 4, `3000 rows take two chunks of at most 2048 (got ${chunks} chunks)`);
      // The second query fails while the first one's rows are being read: the error surfaces once.
      const bad = { sql: `SELECT error('boom')::DOUBLE AS id FROM spans`, params: [] };
      await assert.rejects(
        store.stream([q(1, 5000), bad], () => undefined),
        (err: FaultlineError) => {
          assert.equal(err.code, 'ERR_STORE_QUERY');
          assert.match(String((err.cause as Error).message), /boom/);
          return true;
        },
      );
      await assert.rejects(
        store.stream([q(1, 5000), q(1, 10)], () => {
          throw new Error('reader failed');
        }),
        (err: FaultlineError) => String((err.cause as Error).message) === 'reader failed',
      );
      // Both connections are usable afterwards.
      let after = 0;
      await store.stream([q(1, 10), q(11, 20)], (chunk) => (after += chunk.rowCount));
      assert.equal(after, 20);
    } finally {
      await store.close();
    }
  });
});

import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { FaultlineError } from '../errors.js';
import type { SuiteRow } from './history-row.js';
import { HISTORY_SCHEMA_VERSION } from './history-schema.js';
import { HistoryStore } from './history-store.js';
import { passing, syntheticRows } from './testing/synthetic-history.js';

const suite = (suiteId: string, startedAt: string): SuiteRow => ({
  suiteId,
  startedAt,
  commit: 'abc123',
  branch: 'main',
  machine: 'ci-1',
  nodeVersion: 'v20.19.0',
  faultlineVersion: '0.1.0',
  selectionKey: 'k',
  trials: 2,
  score: 87.5,
  suiteDir: null,
});

const code = (want: string) => (err: unknown) => err instanceof FaultlineError && err.code === want;

describe('history store (a real DuckDB file)', function () {
  let dir: string;
  beforeEach(async function () {
    dir = await mkdtemp(join(tmpdir(), 'faultline-history-'));
  });
  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a missing file without --history-init and creates nothing', async function () {
    const path = join(dir, 'h.duckdb');
    await assert.rejects(HistoryStore.open(path, { write: true }), code('ERR_INPUT_HISTORY_MISSING'));
    await assert.rejects(stat(path));
  });

  it('creates a history with --history-init, appends a suite run and reads it back after reopening', async function () {
    const path = join(dir, 'sub', 'h.duckdb');
    const rows = syntheticRows([passing(0.4)]);
    const store = await HistoryStore.open(path, { init: true, write: true });
    assert.equal(store.schemaVersion, HISTORY_SCHEMA_VERSION);
    await store.append(suite(rows[0]!.suiteId, rows[0]!.startedAt), rows);
    await store.close();
    await assert.rejects(stat(`${path}.lock`), 'the lock is released on close');
    const again = await HistoryStore.open(path);
    assert.deepEqual(await again.readChecks(), rows);
    assert.deepEqual(await again.readSuites(), [suite(rows[0]!.suiteId, rows[0]!.startedAt)]);
    assert.deepEqual(await again.readChecks('other-branch'), []);
    await again.close();
  });

  it('refuses to append the same suite run twice', async function () {
    const path = join(dir, 'h.duckdb');
    const rows = syntheticRows([passing(0.4)]);
    const store = await HistoryStore.open(path, { init: true, write: true });
    await store.append(suite('s', rows[0]!.startedAt), rows);
    await assert.rejects(
      store.append(suite('s', rows[0]!.startedAt), rows),
      code('ERR_INPUT_HISTORY_DUPLICATE'),
    );
    assert.equal((await store.readChecks()).length, rows.length);
    await store.close();
  });

  for (const [name, bytes] of [
    ['a file of random bytes', Buffer.from('this is not a database at all, just text\n'.repeat(50))],
    ['an empty file', Buffer.alloc(0)],
  ] as const)
    it(`refuses ${name} as corrupt and leaves it untouched, even with --history-init`, async function () {
      const path = join(dir, 'h.duckdb');
      await writeFile(path, bytes);
      await assert.rejects(
        HistoryStore.open(path, { init: true, write: true }),
        code('ERR_INPUT_HISTORY_CORRUPT'),
      );
      assert.deepEqual(await readFile(path), bytes);
    });

  it('refuses a DuckDB file that holds no Faultline history', async function () {
    const path = join(dir, 'other.duckdb');
    const instance = await DuckDBInstance.create(path);
    const c = await instance.connect();
    await c.run('CREATE TABLE t (x INTEGER)');
    c.closeSync();
    instance.closeSync();
    await assert.rejects(HistoryStore.open(path, { write: true }), code('ERR_INPUT_HISTORY_CORRUPT'));
  });

  it('refuses a history written by a newer Faultline, read or write, and leaves it as it was', async function () {
    const path = join(dir, 'h.duckdb');
    await (await HistoryStore.open(path, { init: true, write: true })).close();
    const instance = await DuckDBInstance.create(path);
    const c = await instance.connect();
    await c.run("UPDATE faultline_meta SET value = '99' WHERE key = 'schema_version'");
    c.closeSync();
    instance.closeSync();
    const before = await readFile(path);
    await assert.rejects(
      HistoryStore.open(path, { write: true }),
      (err: unknown) => code('ERR_HISTORY_NEWER')(err) && /schema version 99/.test((err as Error).message),
    );
    await assert.rejects(HistoryStore.open(path), code('ERR_HISTORY_NEWER'));
    assert.deepEqual(await readFile(path), before);
  });

  it('migrates a version 1 history forward, keeping its rows', async function () {
    const path = join(dir, 'h.duckdb');
    const v1 = await HistoryStore.open(path, { init: true, write: true, migrateTo: 1 });
    assert.equal(v1.schemaVersion, 1);
    await v1.close();
    const instance = await DuckDBInstance.create(path);
    const c = await instance.connect();
    await c.run(
      `INSERT INTO check_results VALUES ('s0', '2026-01-01T02:00:00.000Z', 'c0', 'main', 'psp-outage', 1,
        'inject-latency', 'inject-latency', 'threshold', 'pass', 200, 'p(99)<800', 0.75, 'pass', 'pass', 30)`,
    );
    c.closeSync();
    instance.closeSync();
    const readOnly = await HistoryStore.open(path);
    assert.equal(readOnly.schemaVersion, 1, 'reading does not migrate');
    assert.equal((await readOnly.readChecks())[0]?.runDir, null);
    await readOnly.close();
    const store = await HistoryStore.open(path, { write: true });
    assert.equal(store.schemaVersion, HISTORY_SCHEMA_VERSION);
    const [row] = await store.readChecks();
    assert.deepEqual([row?.suiteId, row?.margin, row?.runDir], ['s0', 0.75, null]);
    await store.close();
  });

  it('refuses a second writer while the lock is held by a live process, and takes over a dead one', async function () {
    const path = join(dir, 'h.duckdb');
    await (await HistoryStore.open(path, { init: true, write: true })).close();
    await writeFile(`${path}.lock`, `${process.pid}\n`);
    await assert.rejects(HistoryStore.open(path, { write: true }), code('ERR_HISTORY_LOCKED'));
    await writeFile(`${path}.lock`, '4194303\n');
    const store = await HistoryStore.open(path, { write: true });
    assert.equal(await readFile(`${path}.lock`, 'utf8'), `${process.pid}\n`);
    await store.close();
  });
});

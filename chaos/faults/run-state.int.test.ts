import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FaultlineError } from '../errors.js';
import type { FaultRecord } from './fault-record.js';
import { RunStateStore, listRunStateFiles, readRunState } from './run-state.js';

const controller = { pid: 4242, startTicks: 7 };
const record = (id: string): FaultRecord => ({
  kind: 'link-down',
  id,
  leaseMs: 1000,
  recordedAt: '2026-01-01T00:00:00.000Z',
  proxyUrl: 'http://127.0.0.1:8474',
  link: 'payment-psp',
});

describe('run-state files on disk', function () {
  let dir: string;

  beforeEach(async function () {
    dir = await mkdtemp(join(tmpdir(), 'faultline-state-'));
  });

  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every concurrent add and remove, and leaves no temp file behind', async function () {
    const store = await RunStateStore.create(dir, 'r1', controller);
    await Promise.all([
      store.add(record('a')),
      store.add(record('b')),
      store.add(record('c')),
      store.remove('b'),
    ]);
    const onDisk = await readRunState(store.path);
    assert.deepEqual(
      onDisk.faults.map((f) => f.id),
      ['a', 'c'],
    );
    assert.deepEqual(onDisk.controller, controller);
    assert.deepEqual(await readdir(dir), ['r1.json']);
    await store.delete();
    assert.deepEqual(await listRunStateFiles(dir), []);
  });

  it('refuses to overwrite the file of an earlier run with the same id', async function () {
    const first = await RunStateStore.create(dir, 'r2', controller);
    await first.add(record('a'));
    await assert.rejects(RunStateStore.create(dir, 'r2', controller), { code: 'ERR_RUN_STATE_EXISTS' });
    assert.equal((await readRunState(first.path)).faults.length, 1);
  });

  it('rejects a run id that could escape the folder', async function () {
    await assert.rejects(RunStateStore.create(dir, '../x', controller), { code: 'ERR_INPUT_RUN_ID' });
  });

  it('reports a file that is not a run-state file as corrupt', async function () {
    const path = join(dir, 'junk.json');
    await writeFile(path, '{"faults": "nope"}');
    await assert.rejects(
      readRunState(path),
      (err: unknown) => err instanceof FaultlineError && err.code === 'ERR_RUN_STATE_CORRUPT',
    );
  });

  it('lists nothing for a folder that does not exist', async function () {
    assert.deepEqual(await listRunStateFiles(join(dir, 'missing')), []);
  });
});

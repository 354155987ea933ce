import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { access, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import amqp from 'amqplib';
import pg from 'pg';
import { isSameProcessAlive, processIdentity } from '../faults/proc-stat.js';
import { writeJsonAtomic } from '../faults/run-state.js';
import { dropFleetState } from '../fleet/fleet-harness.js';
import { ENVIRONMENT_DIR, EnvironmentRecordFile, cleanupDeadEnvironments } from './environment-record.js';

/** No process has start time -1: a controller that is gone. */
const deadController = { pid: 1, startTicks: -1 };
const admin = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' };

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client(admin);
  await client.connect();
  try {
    return (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

async function queueExists(name: string): Promise<boolean> {
  const conn = await amqp.connect('amqp://guest:guest@127.0.0.1:5672');
  try {
    const ch = await conn.createChannel();
    ch.on('error', () => undefined);
    return await ch.checkQueue(name).then(
      () => true,
      () => false,
    );
  } finally {
    await conn.close().catch(() => undefined);
  }
}

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** A process this test starts and owns: it idles until signalled, for at most a minute. */
function startIdler(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
}

describe('environment records of runs whose controller died (real PostgreSQL and RabbitMQ)', function () {
  this.timeout(30000);
  const id = randomBytes(4).toString('hex');
  const dbPrefix = `flr_${id}_`;
  const amqpPrefix = `flr.${id}.`;
  let stateDir: string;
  let workDir: string;
  let idler: ChildProcess;

  beforeEach(async function () {
    stateDir = await mkdtemp(join(tmpdir(), 'faultline-env-state-'));
    workDir = await mkdtemp(join(tmpdir(), 'faultline-env-work-'));
    await writeFile(join(workDir, 'prometheus.yml'), 'global: {}\n');
    idler = startIdler();
    await once(idler, 'spawn');
  });

  afterEach(async function () {
    if (idler.exitCode === null && idler.signalCode === null) {
      idler.kill('SIGKILL');
      await once(idler, 'exit');
    }
    await dropFleetState(dbPrefix, amqpPrefix);
    await rm(stateDir, { recursive: true, force: true });
    await rm(workDir, { recursive: true, force: true });
  });

  async function seedFleetState(): Promise<void> {
    const client = new pg.Client(admin);
    await client.connect();
    await client.query(`create database "${dbPrefix}order_db"`).finally(() => client.end());
    const conn = await amqp.connect('amqp://guest:guest@127.0.0.1:5672');
    const ch = await conn.createChannel();
    await ch.assertQueue(`${amqpPrefix}payment.commands`);
    await conn.close();
  }

  it('stops the recorded processes, drops the databases and queues, removes the temp folders and the record', async function () {
    await seedFleetState();
    const record = await EnvironmentRecordFile.create(stateDir, {
      runId: 'run-dead',
      controller: deadController,
      dbPrefix,
      amqpPrefix,
    });
    await record.add({ idler: idler.pid }, [workDir]);
    const exited = once(idler, 'exit');

    const entries = await cleanupDeadEnvironments({ stateDir });

    assert.deepEqual(entries, [
      {
        runId: 'run-dead',
        actions: [
          `stopped idler (pid ${idler.pid})`,
          `dropped databases ${dbPrefix}* and queues ${amqpPrefix}*`,
          `removed ${workDir}`,
        ],
        problems: [],
      },
    ]);
    const [, signal] = (await exited) as [number | null, NodeJS.Signals | null];
    assert.equal(signal, 'SIGTERM');
    assert.equal(await databaseExists(`${dbPrefix}order_db`), false);
    assert.equal(await queueExists(`${amqpPrefix}payment.commands`), false);
    assert.equal(await exists(workDir), false);
    assert.deepEqual(await readdir(join(stateDir, ENVIRONMENT_DIR)), []);
  });

  it('leaves the environment of a live controller alone', async function () {
    await seedFleetState();
    const record = await EnvironmentRecordFile.create(stateDir, {
      runId: 'run-live',
      controller: processIdentity(process.pid)!,
      dbPrefix,
      amqpPrefix,
    });
    await record.add({ idler: idler.pid }, [workDir]);

    assert.deepEqual(await cleanupDeadEnvironments({ stateDir }), []);
    assert.equal(isSameProcessAlive(processIdentity(idler.pid!)!), true);
    assert.equal(await databaseExists(`${dbPrefix}order_db`), true);
    assert.equal(await exists(workDir), true);
    assert.deepEqual(await readdir(join(stateDir, ENVIRONMENT_DIR)), ['run-live.json']);
  });

  it('never signals a process whose pid now belongs to another process (start time differs)', async function () {
    const record = await EnvironmentRecordFile.create(stateDir, {
      runId: 'run-reused-pid',
      controller: deadController,
      dbPrefix,
      amqpPrefix,
    });
    await record.add({}, []);
    const identity = processIdentity(idler.pid!)!;
    await writeJsonAtomic(record.path, {
      version: 1,
      runId: 'run-reused-pid',
      controller: deadController,
      createdAt: new Date().toISOString(),
      dbPrefix,
      amqpPrefix,
      processes: [{ name: 'gateway', pid: identity.pid, startTicks: identity.startTicks - 1 }],
      tempDirs: [],
    });

    const [entry] = await cleanupDeadEnvironments({ stateDir });
    assert.deepEqual(entry?.actions, [`dropped databases ${dbPrefix}* and queues ${amqpPrefix}*`]);
    assert.equal(isSameProcessAlive(identity), true, 'the idler must still run');
  });

  it('removes only faultline-* folders in the temp folder, whatever the record names', async function () {
    const foreign = await mkdtemp(join(tmpdir(), 'not-faultline-'));
    try {
      const record = await EnvironmentRecordFile.create(stateDir, {
        runId: 'run-foreign-dir',
        controller: deadController,
        dbPrefix,
        amqpPrefix,
      });
      await record.add({}, [foreign, workDir]);

      const [entry] = await cleanupDeadEnvironments({ stateDir });
      assert.deepEqual(entry?.actions, [
        `dropped databases ${dbPrefix}* and queues ${amqpPrefix}*`,
        `left ${foreign} alone (not a faultline-* folder in ${tmpdir()})`,
        `removed ${workDir}`,
      ]);
      assert.equal(await exists(foreign), true);
      assert.equal(await exists(workDir), false);
    } finally {
      await rm(foreign, { recursive: true, force: true });
    }
  });

  it('reports an unreadable record and keeps it for the next sweep', async function () {
    const dir = join(stateDir, ENVIRONMENT_DIR);
    await EnvironmentRecordFile.create(stateDir, {
      runId: 'run-ok',
      controller: deadController,
      dbPrefix,
      amqpPrefix,
    });
    await writeFile(join(dir, 'run-broken.json'), '{"version": 2}');

    const entries = await cleanupDeadEnvironments({ stateDir });
    assert.deepEqual(
      entries.map((e) => [e.runId, e.problems]),
      [
        ['run-broken', [`${join(dir, 'run-broken.json')} is not a faultline environment record (version 1)`]],
        ['run-ok', []],
      ],
    );
    assert.deepEqual(await readdir(dir), ['run-broken.json']);
  });
  it('honours the draft a controller killed mid-write left: stops the process only the draft lists, removes both files', async function () {
    const dir = join(stateDir, ENVIRONMENT_DIR);
    const record = await EnvironmentRecordFile.create(stateDir, {
      runId: 'run-draft',
      controller: deadController,
      dbPrefix,
      amqpPrefix,
    });
    // The draft writeJsonAtomic had written but not yet renamed: one process more than the record.
    // Writer pids from 4194304 (PID_MAX_LIMIT) up can belong to no process.
    const draft = {
      version: 1,
      runId: 'run-draft',
      controller: deadController,
      createdAt: new Date().toISOString(),
      dbPrefix,
      amqpPrefix,
      processes: [{ name: 'prometheus', ...processIdentity(idler.pid!)! }],
      tempDirs: [workDir],
    };
    await writeFile(join(dir, 'run-draft.json.4194304.tmp'), JSON.stringify(draft));
    // A draft cut short in the very first write of another dead run: unreadable, writer gone.
    await writeFile(join(dir, 'run-cut.json.4194305.tmp'), '{"version": 1, "runId": "run-c');
    const exited = once(idler, 'exit');

    const entries = await cleanupDeadEnvironments({ stateDir });

    assert.deepEqual(
      entries.map((e) => [e.runId, e.actions, e.problems]),
      [
        [
          'run-draft',
          [
            `stopped prometheus (pid ${idler.pid})`,
            `dropped databases ${dbPrefix}* and queues ${amqpPrefix}*`,
            `removed ${workDir}`,
          ],
          [],
        ],
      ],
    );
    await exited;
    assert.equal(await exists(workDir), false);
    assert.deepEqual(await readdir(dir), [], `record ${record.path}, both drafts removed`);
  });
});

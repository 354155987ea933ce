import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrokerControl } from './broker-control.js';
import { cleanupDeadRuns } from './cleanup-runs.js';
import type { FleetService } from './fault-spec.js';
import { FaultSession } from './fault-session.js';
import { processIdentity, readProcStat } from './proc-stat.js';
import type { ProcessControl } from './process-control.js';
import { writeJsonAtomic } from './run-state.js';

const noBroker: BrokerControl = {
  rabbitmqctl: (args) => Promise.reject(new Error(`rabbitmqctl ${args.join(' ')} must not run here`)),
};

function idler(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
}

/** Polls /proc until `pid`'s state satisfies `want` (at most 100 × 20 ms); returns the last state. */
async function waitForState(
  pid: number,
  want: (state: string | undefined) => boolean,
): Promise<string | undefined> {
  let state = readProcStat(pid)?.state;
  for (let i = 0; i < 100 && !want(state); i++) {
    await new Promise((r) => setTimeout(r, 20));
    state = readProcStat(pid)?.state;
  }
  return state;
}

/** A ProcessControl over child processes this test spawns (the fleet launcher plays this role). */
class ChildFleet implements ProcessControl {
  readonly children = new Map<FleetService, ChildProcess>();
  restarts = 0;

  start(service: FleetService): ChildProcess {
    const child = idler();
    this.children.set(service, child);
    return child;
  }

  pidOf(service: FleetService): number | undefined {
    const child = this.children.get(service);
    return child && child.exitCode === null && child.signalCode === null ? child.pid : undefined;
  }

  async restart(service: FleetService): Promise<void> {
    this.restarts++;
    const old = this.children.get(service);
    if (old && old.exitCode === null && old.signalCode === null) {
      old.kill('SIGTERM');
      await once(old, 'exit');
    }
    const child = this.start(service);
    await once(child, 'spawn');
  }

  async stopAll(): Promise<void> {
    for (const child of this.children.values()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      child.kill('SIGCONT');
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  }
}

describe('process faults on spawned child processes', function () {
  let fleet: ChildFleet;
  let stateDir: string;
  let seq = 0;

  beforeEach(async function () {
    fleet = new ChildFleet();
    await once(fleet.start('payment'), 'spawn');
    stateDir = await mkdtemp(join(tmpdir(), 'faultline-proc-'));
    seq++;
  });

  afterEach(async function () {
    await fleet.stopAll();
    await rm(stateDir, { recursive: true, force: true });
  });

  function session(): Promise<FaultSession> {
    return FaultSession.start({
      runId: `proc${seq}`,
      stateDir,
      controller: processIdentity(process.pid)!,
      allow: { links: [], services: ['payment'], brokerDisposable: false },
      deps: { processes: fleet, broker: noBroker },
    });
  }

  it('pauses a service with SIGSTOP and resumes it with SIGCONT', async function () {
    const pid = fleet.pidOf('payment')!;
    const s = await session();
    const fault = await s.apply({ kind: 'process-pause', service: 'payment', leaseMs: 60_000 });
    assert.equal(await waitForState(pid, (st) => st === 'T'), 'T');
    await s.remove(fault.id);
    assert.notEqual(await waitForState(pid, (st) => st !== 'T'), 'T');
    assert.equal(fleet.pidOf('payment'), pid);
    await s.close();
  });

  it('kills a service with SIGKILL and starts it again on removal', async function () {
    const child = fleet.children.get('payment')!;
    const s = await session();
    const fault = await s.apply({ kind: 'process-kill', service: 'payment', leaseMs: 60_000 });
    const [, signal] = (await once(child, 'exit')) as [number | null, string | null];
    assert.equal(signal, 'SIGKILL');
    const result = await s.remove(fault.id);
    assert.equal(result.outcome?.status, 'removed');
    const newPid = fleet.pidOf('payment');
    assert.ok(newPid !== undefined && newPid !== child.pid);
    assert.equal(fleet.restarts, 1);
    await s.close();
  });

  it('restarts a service under a new pid', async function () {
    const oldPid = fleet.pidOf('payment');
    const s = await session();
    await s.apply({ kind: 'process-restart', service: 'payment', leaseMs: 60_000 });
    const newPid = fleet.pidOf('payment');
    assert.ok(newPid !== undefined && newPid !== oldPid);
    assert.equal(readProcStat(oldPid!), undefined);
    await s.close();
  });

  it('refuses to pause a service outside the allowlist and leaves it running', async function () {
    await once(fleet.start('order'), 'spawn');
    const pid = fleet.pidOf('order')!;
    const s = await session();
    await assert.rejects(s.apply({ kind: 'process-pause', service: 'order', leaseMs: 60_000 }), {
      code: 'ERR_INPUT_FAULT_NOT_ALLOWED',
    });
    assert.notEqual(readProcStat(pid)?.state, 'T');
    assert.deepEqual(s.store.faults(), []);
    await s.close();
  });

  it('resumes a service a dead controller left paused, with cleanup', async function () {
    const pid = fleet.pidOf('payment')!;
    const s = await session();
    await s.apply({ kind: 'process-pause', service: 'payment', leaseMs: 60_000 });
    assert.equal(await waitForState(pid, (st) => st === 'T'), 'T');
    // Make the run look orphaned: a controller identity that no longer exists.
    const faults = s.store.faults();
    await writeJsonAtomic(s.store.path, {
      version: 1,
      runId: s.store.runId,
      controller: { pid: process.pid, startTicks: -1 },
      createdAt: new Date().toISOString(),
      faults,
    });
    const report = await cleanupDeadRuns({ stateDir, deps: { broker: noBroker } });
    assert.deepEqual(
      report.entries.map((e) => [e.status, e.description]),
      [['removed', 'process-pause of payment']],
    );
    assert.notEqual(await waitForState(pid, (st) => st !== 'T'), 'T');
    assert.deepEqual(report.runsCleaned, [s.store.runId]);
    await s.close();
  });

  it('reports a killed service as not undoable when cleanup cannot restart it', async function () {
    const s = await session();
    await s.apply({ kind: 'process-kill', service: 'payment', leaseMs: 60_000 });
    await writeJsonAtomic(s.store.path, {
      version: 1,
      runId: s.store.runId,
      controller: { pid: process.pid, startTicks: -1 },
      createdAt: new Date().toISOString(),
      faults: s.store.faults(),
    });
    const report = await cleanupDeadRuns({ stateDir, deps: { broker: noBroker } });
    assert.equal(report.entries[0]?.status, 'not-undoable');
    assert.match(report.entries[0]?.detail ?? '', /restart the fleet/);
    await s.close();
  });
});

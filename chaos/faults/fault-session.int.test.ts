import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Toxiproxy } from 'toxiproxy-node-client';
import { FaultlineError, describeError } from '../errors.js';
import { startProxyServer, type ProxyServer } from '../proxy/index.js';
import type { BrokerControl } from './broker-control.js';
import { cleanupDeadRuns } from './cleanup-runs.js';
import type { FaultAllowlist } from './fault-record.js';
import { FaultSession, type RemovalResult } from './fault-session.js';
import { processIdentity } from './proc-stat.js';
import { readRunState, writeJsonAtomic } from './run-state.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..', '..');
const latency = { type: 'latency', stream: 'downstream', toxicity: 1, attributes: { latency: 200 } } as const;

/** A controller that no longer exists (no process has start time -1). */
const deadController = { pid: 1, startTicks: -1 };

/** A BrokerControl that must never be called in these tests. */
const noBroker: BrokerControl = {
  rabbitmqctl: (args) => Promise.reject(new Error(`rabbitmqctl ${args.join(' ')} must not run here`)),
};

interface LinkState {
  enabled: boolean;
  toxics: string[];
}

async function linkState(url: string, name: string): Promise<LinkState> {
  const res = await fetch(`${url}/proxies/${name}`);
  assert.equal(res.status, 200);
  const body = (await res.json()) as { enabled: boolean; toxics: { name: string }[] };
  return { enabled: body.enabled, toxics: body.toxics.map((t) => t.name) };
}

function runNode(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('fault session against a real proxy', function () {
  let server: ProxyServer;
  let stateDir: string;
  let seq = 0;
  let links: { toxic: string; down: string; other: string };
  const controller = processIdentity(process.pid)!;

  beforeEach(async function () {
    server = await startProxyServer({ port: 0 });
    stateDir = await mkdtemp(join(tmpdir(), 'faultline-faults-'));
    seq++;
    links = { toxic: `payment-psp${seq}`, down: `order-db${seq}`, other: `gateway-order${seq}` };
    const client = new Toxiproxy(server.url);
    for (const name of Object.values(links)) {
      // Upstream need not exist: these tests look at the proxy's state, not at traffic.
      await client.createProxy({ name, listen: '127.0.0.1:0', upstream: '127.0.0.1:1' });
    }
  });

  afterEach(async function () {
    await server.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  function session(allow: Partial<FaultAllowlist> = {}, onLeaseRemoval?: (r: RemovalResult) => void) {
    return FaultSession.start({
      runId: `run${seq}`,
      stateDir,
      controller,
      allow: { links: [links.toxic, links.down], services: [], brokerDisposable: false, ...allow },
      deps: { proxyUrl: server.url, broker: noBroker },
      ...(onLeaseRemoval ? { onLeaseRemoval } : {}),
    });
  }

  it('applies a toxic and a link-down, records both before removal, and removes both', async function () {
    const s = await session();
    const toxic = await s.apply({ kind: 'toxic', link: links.toxic, toxic: latency, leaseMs: 60_000 });
    await s.apply({ kind: 'link-down', link: links.down, leaseMs: 60_000 });
    const recorded = await readRunState(s.store.path);
    assert.deepEqual(
      recorded.faults.map((f) => f.kind),
      ['toxic', 'link-down'],
    );
    assert.deepEqual((await linkState(server.url, links.toxic)).toxics, [`faultline_${toxic.id}`]);
    assert.equal((await linkState(server.url, links.down)).enabled, false);

    const results = await s.close();
    assert.deepEqual(
      results.map((r) => r.outcome?.status),
      ['removed', 'removed'],
    );
    assert.deepEqual(await linkState(server.url, links.toxic), { enabled: true, toxics: [] });
    assert.equal((await linkState(server.url, links.down)).enabled, true);
    assert.deepEqual(await readdir(stateDir), []);
  });

  it('refuses a fault outside the allowlist before writing or applying anything', async function () {
    const s = await session();
    await assert.rejects(
      s.apply({ kind: 'toxic', link: links.other, toxic: latency, leaseMs: 60_000 }),
      (err: unknown) => err instanceof FaultlineError && err.code === 'ERR_INPUT_FAULT_NOT_ALLOWED',
    );
    await assert.rejects(
      s.apply({ kind: 'broker-app-stop', leaseMs: 1000 }),
      (err: unknown) => err instanceof FaultlineError && err.code === 'ERR_INPUT_FAULT_NOT_ALLOWED',
    );
    assert.deepEqual((await readRunState(s.store.path)).faults, []);
    assert.deepEqual(await linkState(server.url, links.other), { enabled: true, toxics: [] });
    await s.close();
  });

  it('fails to apply faults on an allowed link the proxy lacks and leaves no record behind', async function () {
    const s = await session({ links: ['missing-link'] });
    for (const request of [
      { kind: 'toxic', link: 'missing-link', toxic: latency, leaseMs: 60_000 },
      { kind: 'link-down', link: 'missing-link', leaseMs: 60_000 },
    ] as const) {
      await assert.rejects(s.apply(request), (err: unknown) => {
        return (
          err instanceof FaultlineError &&
          err.code === 'ERR_FAULT_APPLY' &&
          /does not exist/.test(describeError(err))
        );
      });
    }
    assert.deepEqual((await readRunState(s.store.path)).faults, []);
    await s.close();
    assert.deepEqual(await readdir(stateDir), []);
  });

  it('removes a toxic when its controller-side lease expires', async function () {
    let removed: (r: RemovalResult) => void = () => undefined;
    const expired = new Promise<RemovalResult>((r) => (removed = r));
    const s = await session({}, (r) => removed(r));
    await s.apply({ kind: 'toxic', link: links.toxic, toxic: latency, leaseMs: 300 });
    assert.equal((await linkState(server.url, links.toxic)).toxics.length, 1);
    const result = await expired;
    assert.ok(result.outcome?.status === 'removed' || result.outcome?.status === 'already-gone');
    assert.deepEqual((await linkState(server.url, links.toxic)).toxics, []);
    assert.deepEqual((await readRunState(s.store.path)).faults, []);
    assert.deepEqual(s.activeFaults(), []);
    await s.close();
  });

  it('undoes the faults of a SIGKILLed controller with `faultline cleanup`', async function () {
    const fixture = join(here, 'test-fixtures', 'hold-faults.js');
    const child = spawn(
      process.execPath,
      [fixture, server.url, stateDir, `killed${seq}`, links.toxic, links.down],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    while (!out.includes('applied')) {
      const [code] = (await Promise.race([once(child.stdout, 'data'), once(child, 'exit')])) as [unknown];
      if (child.exitCode !== null) assert.fail(`fixture exited early (${String(code)}): ${out}`);
    }
    assert.equal((await linkState(server.url, links.toxic)).toxics.length, 1);
    assert.equal((await linkState(server.url, links.down)).enabled, false);
    child.kill('SIGKILL');
    await once(child, 'exit');

    const cli = await runNode(['bin/faultline.js', 'cleanup', '--state-dir', stateDir]);
    assert.equal(cli.code, 0, cli.stderr);
    assert.match(cli.stdout, /removed .*link-down of link order-db/);
    assert.match(cli.stdout, /removed .*toxic latency \(downstream\) on link payment-psp/);
    assert.deepEqual(await linkState(server.url, links.toxic), { enabled: true, toxics: [] });
    assert.equal((await linkState(server.url, links.down)).enabled, true);
    assert.deepEqual(await readdir(stateDir), []);
  });

  it('leaves the faults of a live controller alone', async function () {
    const s = await session();
    await s.apply({ kind: 'toxic', link: links.toxic, toxic: latency, leaseMs: 60_000 });
    const report = await cleanupDeadRuns({ stateDir, deps: { broker: noBroker } });
    assert.deepEqual(report.liveRuns, [`run${seq}`]);
    assert.deepEqual(report.entries, []);
    assert.equal((await linkState(server.url, links.toxic)).toxics.length, 1);
    await s.close();
  });

  it('keeps going when one undo fails and keeps the failed fault for the next cleanup', async function () {
    const s = await session();
    await s.apply({ kind: 'toxic', link: links.toxic, toxic: latency, leaseMs: 60_000 });
    await s.apply({ kind: 'link-down', link: links.down, leaseMs: 60_000 });
    // Simulate a dead controller whose proxy for one fault answers every request with a 500.
    const failing = createServer((_req, res) => res.writeHead(500).end('broken'));
    failing.listen(0, '127.0.0.1');
    await once(failing, 'listening');
    const { port } = failing.address() as AddressInfo;
    const state = await readRunState(s.store.path);
    const broken = state.faults.map((f) =>
      f.kind === 'toxic' ? { ...f, proxyUrl: `http://127.0.0.1:${port}` } : f,
    );
    await writeJsonAtomic(s.store.path, { ...state, controller: deadController, faults: broken });

    const report = await cleanupDeadRuns({ stateDir, deps: { broker: noBroker } }).finally(() =>
      failing.close(),
    );
    assert.deepEqual(
      report.entries.map((e) => e.status),
      ['removed', 'failed'],
    );
    assert.equal(report.failures, 1);
    assert.equal((await linkState(server.url, links.down)).enabled, true);
    assert.deepEqual(
      (await readRunState(s.store.path)).faults.map((f) => f.kind),
      ['toxic'],
    );
    // The real toxic is still there (its record pointed elsewhere); the session removes it.
    await s.removeAll();
    assert.deepEqual((await linkState(server.url, links.toxic)).toxics, []);
  });

  it('counts a fault whose proxy no longer listens as gone (Toxiproxy keeps toxics in memory only)', async function () {
    const s = await session();
    await s.apply({ kind: 'toxic', link: links.toxic, toxic: latency, leaseMs: 60_000 });
    const state = await readRunState(s.store.path);
    // Port 1 refuses connections: nothing listens there, so no proxy holds the toxic any more.
    const gone = state.faults.map((f) => ({ ...f, proxyUrl: 'http://127.0.0.1:1' }));
    await writeJsonAtomic(s.store.path, { ...state, controller: deadController, faults: gone });

    const report = await cleanupDeadRuns({ stateDir, deps: { broker: noBroker } });
    assert.deepEqual(
      report.entries.map((e) => [e.status, e.detail]),
      [['already-gone', 'nothing listens on http://127.0.0.1:1 any more']],
    );
    assert.deepEqual(report.runsCleaned, [`run${seq}`]);
    assert.deepEqual(await readdir(stateDir), []);
    // The session still knows the real toxic; closing it removes it.
    await s.close();
    assert.deepEqual((await linkState(server.url, links.toxic)).toxics, []);
  });

  it('never touches the proxy port of a fault whose proxy ran inside the dead controller', async function () {
    const s = await FaultSession.start({
      runId: `run${seq}`,
      stateDir,
      controller,
      allow: { links: [links.toxic], services: [], brokerDisposable: false },
      deps: { proxyUrl: server.url, proxyInController: true, broker: noBroker },
    });
    await s.apply({ kind: 'toxic', link: links.toxic, toxic: latency, leaseMs: 60_000 });
    const state = await readRunState(s.store.path);
    assert.equal(state.faults[0]?.kind === 'toxic' && state.faults[0].proxyInController, true);
    await writeJsonAtomic(s.store.path, { ...state, controller: deadController });

    // The port now answers (as if another run's proxy had taken it): cleanup must leave it alone.
    const report = await cleanupDeadRuns({ stateDir, deps: { broker: noBroker } });
    assert.deepEqual(
      report.entries.map((e) => [e.status, e.detail]),
      [['already-gone', 'the proxy ran inside the dead controller']],
    );
    assert.equal((await linkState(server.url, links.toxic)).toxics.length, 1);
    assert.deepEqual(await readdir(stateDir), []);
    await s.close();
    assert.deepEqual((await linkState(server.url, links.toxic)).toxics, []);
  });
});

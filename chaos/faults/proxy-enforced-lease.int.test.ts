import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Toxiproxy, type ICreateToxicBody } from 'toxiproxy-node-client';
import { startProxyServer, type ProxyServer } from '../proxy/index.js';
import { cleanupDeadRuns } from './cleanup-runs.js';

/*
 * Proxy-enforced leases: Faultline's proxy removes a toxic whose create body carried `lease_ms`
 * by itself, even when the controller that created it is gone. Needs chaos/proxy/toxic-lease.ts
 * wired into the proxy's toxic create/delete, proxy delete and reset paths.
 */
const here = dirname(fileURLToPath(import.meta.url));
const noBroker = { rabbitmqctl: (): Promise<string> => Promise.reject(new Error('no broker here')) };

async function toxicNames(url: string, link: string): Promise<string[]> {
  const res = await fetch(`${url}/proxies/${link}/toxics`);
  assert.equal(res.status, 200);
  return ((await res.json()) as { name: string }[]).map((t) => t.name);
}

/** Polls until `link` has no toxics (at most 100 × 50 ms); returns the names left. */
async function waitForNoToxics(url: string, link: string): Promise<string[]> {
  let names = await toxicNames(url, link);
  for (let i = 0; i < 100 && names.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
    names = await toxicNames(url, link);
  }
  return names;
}

function leasedToxic(name: string, leaseMs?: number): ICreateToxicBody<never> {
  const body = { name, type: 'latency', stream: 'downstream', toxicity: 1, attributes: { latency: 100 } };
  return (leaseMs === undefined
    ? body
    : { ...body, lease_ms: leaseMs }) as unknown as ICreateToxicBody<never>;
}

describe('leases enforced by the proxy itself', function () {
  let server: ProxyServer;
  let stateDir: string;

  beforeEach(async function () {
    server = await startProxyServer({ port: 0 });
    stateDir = await mkdtemp(join(tmpdir(), 'faultline-lease-'));
    const client = new Toxiproxy(server.url);
    for (const name of ['payment-psp', 'order-db']) {
      await client.createProxy({ name, listen: '127.0.0.1:0', upstream: '127.0.0.1:1' });
    }
  });

  afterEach(async function () {
    await server.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  it('removes a leased toxic after its controller was SIGKILLed, without cleanup', async function () {
    const fixture = join(here, 'test-fixtures', 'hold-faults.js');
    const args = [fixture, server.url, stateDir, 'leased', 'payment-psp', 'order-db', '400'];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    while (!out.includes('applied')) {
      await Promise.race([once(child.stdout, 'data'), once(child, 'exit')]);
      if (child.exitCode !== null) assert.fail(`fixture exited early: ${out}`);
    }
    child.kill('SIGKILL');
    await once(child, 'exit');
    assert.deepEqual(await waitForNoToxics(server.url, 'payment-psp'), []);
    // A link-down has no proxy-side lease: cleanup is its fallback.
    const report = await cleanupDeadRuns({ stateDir, deps: { broker: noBroker } });
    assert.deepEqual(report.entries.map((e) => e.status).sort(), ['already-gone', 'removed']);
    assert.deepEqual(await readdir(stateDir), []);
  });

  it('does not remove a toxic re-created without a lease after the leased one was deleted', async function () {
    const link = await new Toxiproxy(server.url).get('payment-psp');
    const first = await link.addToxic(leasedToxic('lat', 200));
    await first.remove();
    await link.addToxic(leasedToxic('lat'));
    await new Promise((r) => setTimeout(r, 600));
    assert.deepEqual(await toxicNames(server.url, 'payment-psp'), ['lat']);
  });

  it('forgets leases on /reset', async function () {
    const client = new Toxiproxy(server.url);
    const link = await client.get('payment-psp');
    await link.addToxic(leasedToxic('lat', 200));
    await client.reset();
    await link.addToxic(leasedToxic('lat'));
    await new Promise((r) => setTimeout(r, 600));
    assert.deepEqual(await toxicNames(server.url, 'payment-psp'), ['lat']);
  });
});

import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Toxiproxy } from 'toxiproxy-node-client';
import { isSameProcessAlive, processIdentity } from '../faults/proc-stat.js';
import { dropFleetState, placeOrder, waitForTerminal } from './fleet-harness.js';
import type { Fleet } from './launcher.js';
import { allocatePortBlock } from './ports.js';

const bin = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', 'bin', 'faultline.js');

/** Resolves with the first stdout line matching `re` (rejects if the process exits first). */
function waitForLine(child: ChildProcess, re: RegExp, seen: string[]): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      seen.push(line);
      const m = re.exec(line);
      if (m) resolve(m);
    });
    child.once('exit', (code) =>
      reject(new Error(`exited (${code}) before ${re}:\n${seen.slice(-20).join('\n')}`)),
    );
  });
}

describe('faultline fleet up (real RabbitMQ and PostgreSQL)', function () {
  this.timeout(180000);
  const id = randomBytes(4).toString('hex');
  const dbPrefix = `flc_${id}_`;
  const amqpPrefix = `flc.${id}.`;
  let child: ChildProcess | undefined;

  after(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child?.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await dropFleetState(dbPrefix, amqpPrefix);
    await dropFleetState(`${dbPrefix}k_`, `${amqpPrefix}k.`);
  });

  it('starts the embedded proxy, prints its API URL, routes an order through it and stops on SIGINT', async () => {
    const [portBase, adminBase, listenBase] = [
      await allocatePortBlock(7),
      await allocatePortBlock(7),
      await allocatePortBlock(100),
    ];
    const args = [bin, 'fleet', 'up', '--via-proxy', '--proxy-port', '0'];
    args.push('--port-base', String(portBase), '--admin-port-base', String(adminBase));
    args.push('--listen-base', String(listenBase), '--db-prefix', dbPrefix, '--amqp-prefix', amqpPrefix);
    child = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, LOG_LEVEL: 'warn' },
    });
    const seen: string[] = [];
    const apiUrl = (await waitForLine(child, /^fault proxy API (http:\/\/127\.0\.0\.1:\d+) /, seen))[1]!;

    const proxies = await new Toxiproxy(apiUrl).getAll();
    assert.equal(proxies['order-amqp']?.listen, `127.0.0.1:${listenBase + 11}`);
    assert.equal(Object.keys(proxies).length, 12);
    const gateway = { urls: { gateway: `http://127.0.0.1:${portBase}` } } as Pick<Fleet, 'urls'>;
    const placed = await placeOrder(gateway, {
      customerId: 'c-cli',
      items: [{ sku: 'SKU-0001', quantity: 1 }],
    });
    assert.equal((await waitForTerminal(gateway, placed.body.id)).status, 'completed');

    const exited = new Promise<number | null>((r) => child?.once('exit', (code) => r(code)));
    child.kill('SIGINT');
    assert.equal(await exited, 0);
    assert.ok(seen.includes('fleet stopped'), seen.slice(-5).join('\n'));
    await assert.rejects(fetch(`${apiUrl}/version`), 'the proxy API is closed with the fleet');
  });

  it('takes its services down with it when the launcher is killed with SIGKILL', async () => {
    const [portBase, adminBase] = [await allocatePortBlock(7), await allocatePortBlock(7)];
    const args = [
      bin,
      'fleet',
      'up',
      '--port-base',
      String(portBase),
      '--admin-port-base',
      String(adminBase),
    ];
    args.push('--db-prefix', `${dbPrefix}k_`, '--amqp-prefix', `${amqpPrefix}k.`);
    const launcher = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, LOG_LEVEL: 'warn' },
    });
    child = launcher;
    await waitForLine(launcher, /^fleet ready: /, []);
    const services = readFileSync(`/proc/${launcher.pid}/task/${launcher.pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number)
      .map((pid) => processIdentity(pid))
      .filter((p) => p !== undefined);
    assert.equal(services.length, 7, 'seven service processes');
    // The launcher's temp folder (the link map) outlives it: this test removes it afterwards.
    const linksFile =
      readFileSync(`/proc/${services[0]!.pid}/environ`, 'utf8')
        .split('\0')
        .find((v) => v.startsWith('FAULTLINE_LINKS='))
        ?.slice('FAULTLINE_LINKS='.length) ?? '';
    assert.ok(linksFile.startsWith(join(tmpdir(), 'faultline-fleet-')), `the link map: ${linksFile}`);
    try {
      launcher.kill('SIGKILL');
      await once(launcher, 'exit');
      // Each service sees its IPC lifeline close and shuts down; the deadline only bounds the wait.
      const deadline = Date.now() + 30000;
      let running = services;
      while (running.length > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        running = running.filter((p) => isSameProcessAlive(p));
      }
      for (const p of running) process.kill(p.pid, 'SIGKILL');
      assert.deepEqual(running, [], 'services still running after their launcher died');
    } finally {
      rmSync(dirname(linksFile), { recursive: true, force: true });
    }
  });
});

import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Toxiproxy } from 'toxiproxy-node-client';
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

describe('faultline fleet up --via-proxy (real RabbitMQ and PostgreSQL)', function () {
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
});

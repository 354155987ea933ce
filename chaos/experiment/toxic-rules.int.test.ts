import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Server } from 'node:net';
import { withLine } from './fixtures-base.js';
import { validateExperiment } from './validate-experiment.js';

/**
 * The reasons toxic-rules.ts gives, checked against real Toxiproxy (TOXIPROXY_BIN): each input
 * that validate refuses as a crash or a stall really crashes or stalls Toxiproxy 2.12. One fresh
 * server per input, on 127.0.0.1, ended by its PID.
 */
const BIN = process.env['TOXIPROXY_BIN'];

const CASES: {
  name: string;
  toxic: string;
  path: string;
  body: Record<string, unknown>;
  /** crash: the server dies; stall: it stays up and passes nothing; stall-or-crash: it passes
   * nothing, and dies sooner or later (how soon depends on the machine's speed). */
  outcome: 'crash' | 'stall' | 'stall-or-crash';
}[] = [
  {
    name: 'bandwidth with a negative rate crashes it',
    toxic: '{ type: bandwidth, attributes: { rate: -1 } }',
    path: 'faults[0].toxic.attributes.rate',
    body: { type: 'bandwidth', attributes: { rate: -1 } },
    outcome: 'crash',
  },
  {
    name: 'slicer with average_size 0 and size_variation 5 crashes it',
    toxic: '{ type: slicer, attributes: { average_size: 0, size_variation: 5 } }',
    path: 'faults[0].toxic.attributes.average_size',
    body: { type: 'slicer', attributes: { average_size: 0, size_variation: 5 } },
    outcome: 'crash',
  },
  {
    name: 'slicer with size_variation 20 > average_size 10 crashes it',
    toxic: '{ type: slicer, attributes: { average_size: 10, size_variation: 20 } }',
    path: 'faults[0].toxic.attributes.size_variation',
    body: { type: 'slicer', attributes: { average_size: 10, size_variation: 20 } },
    outcome: 'crash',
  },
  {
    name: 'slicer with average_size 0 hangs it (then a stack overflow kills it)',
    toxic: '{ type: slicer, attributes: { average_size: 0 } }',
    path: 'faults[0].toxic.attributes.average_size',
    body: { type: 'slicer', attributes: { average_size: 0 } },
    outcome: 'stall-or-crash',
  },
  {
    name: 'bandwidth with rate 0 stalls the link',
    toxic: '{ type: bandwidth, attributes: { rate: 0 } }',
    path: 'faults[0].toxic.attributes.rate',
    body: { type: 'bandwidth', attributes: { rate: 0 } },
    outcome: 'stall',
  },
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

describe('toxic rules against real Toxiproxy (TOXIPROXY_BIN)', function () {
  this.timeout(30_000);
  let echo: Server;
  let server: ChildProcess | undefined;

  before(async function () {
    if (BIN === undefined) {
      console.log('    skipped: TOXIPROXY_BIN is not set (a real toxiproxy-server 2.12 is needed)');
      this.skip();
    }
    echo = createServer((s) => s.on('data', (d) => s.write(d)).on('error', () => undefined));
    echo.listen(0, '127.0.0.1');
    await once(echo, 'listening');
  });

  afterEach(async function () {
    if (server?.exitCode === null && server.signalCode === null) {
      server.kill('SIGKILL');
      await once(server, 'exit');
    }
    server = undefined;
  });

  after(function () {
    echo?.close();
  });

  for (const c of CASES) {
    it(`refuses it at validate, and real Toxiproxy shows why: ${c.name}`, async function () {
      const result = validateExperiment(withLine(11, `    toxic: ${c.toxic}`), 'x.yaml');
      assert.deepEqual(result.ok ? [] : result.problems.map((p) => p.path), [c.path]);

      const apiPort = await freePort();
      const child = spawn(BIN!, ['-host', '127.0.0.1', '-port', String(apiPort)], {
        stdio: 'ignore',
        env: { ...process.env, LOG_LEVEL: 'fatal' },
      });
      server = child;
      const api = `http://127.0.0.1:${apiPort}`;
      for (
        let i = 0;
        i < 100 &&
        !(await fetch(`${api}/version`).then(
          (r) => r.ok,
          () => false,
        ));
        i++
      )
        await sleep(50);
      const listenPort = await freePort();
      const { port: upstream } = echo.address() as AddressInfo;
      const proxy = { name: 'p', listen: `127.0.0.1:${listenPort}`, upstream: `127.0.0.1:${upstream}` };
      assert.equal(
        (await fetch(`${api}/proxies`, { method: 'POST', body: JSON.stringify(proxy) })).status,
        201,
      );
      const added = await fetch(`${api}/proxies/p/toxics`, { method: 'POST', body: JSON.stringify(c.body) });
      assert.equal(added.status, 200, 'Toxiproxy accepts the input: nothing validates it');

      const socket = connect(listenPort, '127.0.0.1');
      let received = 0;
      socket.on('data', (d: Buffer) => (received += d.length)).on('error', () => undefined);
      await once(socket, 'connect');
      // 64 KB: the slicer crashes on a random split point, certain over this many splits.
      socket.write(Buffer.alloc(65_536, 97));
      const exited = once(child, 'exit').then(() => true);
      const died = await Promise.race([exited, sleep(3000).then(() => false)]);
      socket.destroy();
      if (c.outcome === 'crash') assert.ok(died, 'the server process died');
      else {
        if (c.outcome === 'stall') assert.equal(died, false, 'the server is still up');
        assert.equal(received, 0, 'no byte came through in 3 s');
      }
    });
  }
});

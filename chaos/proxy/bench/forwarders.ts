/**
 * The forwarding processes `bench:proxy` compares, each a separate process on 127.0.0.1 so that its
 * CPU can be read from /proc: a plain Node `socket.pipe` relay (the floor for a Node forwarder),
 * `faultline proxy`, and real Toxiproxy (when TOXIPROXY_BIN is set). Each is stopped by its PID.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** A running forwarder: its PID, and a function that makes it forward a port to an upstream. */
export interface Forwarder {
  readonly label: string;
  readonly child: ChildProcess;
  /** Starts forwarding to `127.0.0.1:upstreamPort`; returns the port to connect to. */
  forward(name: string, upstreamPort: number): Promise<number>;
  /** The Toxiproxy-compatible API base URL (not for the pipe relay). */
  readonly url?: string;
}

// A relay with nothing but socket.pipe both ways; prints its port, then one per "port\n" request.
const PIPE_RELAY = `
const net = require('node:net');
const rl = require('node:readline').createInterface({ input: process.stdin });
rl.on('line', (line) => {
  const upstream = Number(line);
  const server = net.createServer((c) => {
    const u = net.connect(upstream, '127.0.0.1');
    c.setNoDelay(true); u.setNoDelay(true);
    c.on('error', () => u.destroy()); u.on('error', () => c.destroy());
    c.pipe(u); u.pipe(c);
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
});`;

/** CPU seconds (user + system) of a process so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function freePort(): Promise<number> {
  const s = createServer().listen(0, '127.0.0.1');
  await once(s, 'listening');
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** Starts the plain `socket.pipe` relay. */
export function startPipeRelay(): Forwarder {
  const child = spawn(process.execPath, ['-e', PIPE_RELAY], { stdio: ['pipe', 'pipe', 'inherit'] });
  const ports: ((port: number) => void)[] = [];
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += String(d);
    for (let i = out.indexOf('\n'); i >= 0; i = out.indexOf('\n')) {
      ports.shift()?.(Number(out.slice(0, i)));
      out = out.slice(i + 1);
    }
  });
  return {
    label: 'node socket.pipe',
    child,
    forward: (_name, upstreamPort) =>
      new Promise((resolve) => {
        ports.push(resolve);
        child.stdin?.write(`${upstreamPort}\n`);
      }),
  };
}

async function apiForwarder(label: string, child: ChildProcess, url: string): Promise<Forwarder> {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/version`)).ok) break;
    } catch (err) {
      if (i > 300 || child.exitCode !== null) throw new Error(`${label} did not start: ${String(err)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    label,
    child,
    url,
    async forward(name, upstreamPort) {
      const body = JSON.stringify({ name, listen: '127.0.0.1:0', upstream: `127.0.0.1:${upstreamPort}` });
      const res = await fetch(`${url}/proxies`, { method: 'POST', body });
      const { listen } = (await res.json()) as { listen: string };
      return Number(listen.split(':').pop());
    },
  };
}

/** Starts `faultline proxy` from this checkout's `bin/faultline.js`. */
export async function startFaultline(): Promise<Forwarder> {
  const bin = fileURLToPath(new URL('../../../../bin/faultline.js', import.meta.url));
  const port = await freePort();
  const child = spawn(process.execPath, [bin, 'proxy', '--port', String(port)], { stdio: 'ignore' });
  return apiForwarder('faultline proxy', child, `http://127.0.0.1:${port}`);
}

/** Starts real Toxiproxy from TOXIPROXY_BIN, or returns undefined when it is not set. */
export async function startToxiproxy(): Promise<Forwarder | undefined> {
  const bin = process.env['TOXIPROXY_BIN'];
  if (!bin) return undefined;
  const port = await freePort();
  const child = spawn(bin, ['-host', '127.0.0.1', '-port', String(port)], {
    stdio: 'ignore',
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  return apiForwarder('real Toxiproxy', child, `http://127.0.0.1:${port}`);
}

/** Stops a forwarder by its PID and waits for it to exit. */
export async function stopForwarder(f: Forwarder): Promise<void> {
  if (f.child.exitCode !== null || f.child.signalCode !== null) return;
  const exited = once(f.child, 'exit');
  f.child.kill('SIGTERM');
  await exited;
}

/**
 * `node dist/chaos/proxy/bench/bench-startup.js [runs]`: how fast the CLI answers. Median wall
 * time and CPU of `faultline --help`, and time until a fresh `faultline proxy` answers
 * `GET /version`, next to a bare `node -e 0` start (the floor) and, with TOXIPROXY_BIN, real
 * Toxiproxy's time to answer. Every process is started here and stopped by its PID. Prints numbers;
 * never fails on timing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.argv[2] ?? 7);
const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Runs a command to completion; returns wall ms and CPU ms (user + system of the child). */
function timed(command: string, args: string[]): { wallMs: number; cpuMs: number } {
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', command, ...args], { cwd: REPO, encoding: 'utf8' });
  const wallMs = performance.now() - t;
  const [user, system] = (r.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  return { wallMs, cpuMs: ((user ?? NaN) + (system ?? NaN)) * 1000 };
}

async function freePort(): Promise<number> {
  const s = createServer().listen(0, '127.0.0.1');
  await once(s, 'listening');
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** Starts a server, polls `GET /version` every 5 ms; returns ms to the first 200 and RSS then. */
async function timeToAnswer(command: string, args: (port: number) => string[]): Promise<[number, number]> {
  const port = await freePort();
  const t = performance.now();
  const child = spawn(command, args(port), { cwd: REPO, stdio: 'ignore' });
  try {
    for (let i = 0; i < 6000; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/version`)).status === 200) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const ms = performance.now() - t;
    const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
    return [ms, Number(rss) / 1024];
  } finally {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
}

function report(label: string, wall: number[], extra: string): void {
  console.log(`${label.padEnd(34)} median ${median(wall).toFixed(0).padStart(5)} ms  ${extra}`);
}

const node: number[] = [];
const nodeCpu: number[] = [];
const help: number[] = [];
const helpCpu: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const a = timed(process.execPath, ['-e', '0']);
  node.push(a.wallMs);
  nodeCpu.push(a.cpuMs);
  const b = timed(process.execPath, ['bin/faultline.js', '--help']);
  help.push(b.wallMs);
  helpCpu.push(b.cpuMs);
}
console.log(`CLI start-up, ${RUNS} runs each, node ${process.version}`);
report('node -e 0 (floor)', node, `CPU ${median(nodeCpu).toFixed(0)} ms`);
report('faultline --help', help, `CPU ${median(helpCpu).toFixed(0)} ms`);
const servers: [string, string, (port: number) => string[]][] = [
  [
    'faultline proxy, first answer',
    process.execPath,
    (p) => ['bin/faultline.js', 'proxy', '--port', String(p)],
  ],
];
const bin = process.env['TOXIPROXY_BIN'];
if (bin)
  servers.push(['real Toxiproxy, first answer', bin, (p) => ['-host', '127.0.0.1', '-port', String(p)]]);
else console.log('real Toxiproxy: skipped (TOXIPROXY_BIN is not set)');
for (const [label, command, args] of servers) {
  const wall: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const [ms, mib] = await timeToAnswer(command, args);
    wall.push(ms);
    rss.push(mib);
  }
  report(label, wall, `RSS ${median(rss).toFixed(0)} MiB`);
}

import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const module = (name: string): string => JSON.stringify(fileURLToPath(new URL(name, import.meta.url)));

/**
 * Service stand-ins, by mode:
 * - `starting`: runMain whose start-up never ends (a service stuck while starting);
 * - `late`: waits until its IPC channel has closed, then installs the shutdown handlers (a
 *   service that finished starting after its launcher died: the bug of issue 16);
 * - `serving`: installs the shutdown handlers at once and serves until signalled.
 * Each prints `pid <n>` first and `armed` once its lifeline is armed (and it still runs), tells
 * its launcher (if any) over IPC, and idles at most a minute.
 */
const SERVICE = `
import { runMain } from ${module('./run-main.js')};
import { onShutdownSignal } from ${module('./shutdown.js')};
import { createLogger } from ${module('./logger.js')};
const mode = process.argv[1];
console.log('pid ' + process.pid);
const logger = createLogger('lifeline-test', 'info');
const idle = setTimeout(() => process.exit(3), 60000);
const armed = () => {
  console.log('armed');
  if (process.connected) process.send('armed');
};
const serve = () => {
  onShutdownSignal(() => [{ name: 'idle', run: async () => clearTimeout(idle) }], logger, 5000);
  armed();
};
if (mode === 'starting') {
  runMain('lifeline-test', () => new Promise(armed));
} else if (mode === 'late') {
  const wait = setInterval(() => {
    if (process.connected) return;
    clearInterval(wait);
    serve();
  }, 10);
} else serve();
`;

/**
 * A launcher that starts the service with an IPC channel (as the fleet launcher does) and kills
 * itself with SIGKILL: at once, or (`starting`) once the service says its lifeline is armed.
 */
const DYING_LAUNCHER = `
import { spawn } from 'node:child_process';
const mode = process.argv[2];
const child = spawn(process.execPath, ['--input-type=module', '-e', process.argv[1], mode], {
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const die = () => process.kill(process.pid, 'SIGKILL');
if (mode === 'starting') child.once('message', die);
else die();
`;

/** True while `pid` runs and is not a zombie (an orphan's reaper may be slow). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

interface Observed {
  pid: number;
  lines: string[];
}

/** Resolves with the service's pid once it printed `pid <n>` and then `until` ('' = nothing more). */
function whenPrinted(child: ChildProcess, until: string): Promise<Observed> {
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    if (stream) createInterface({ input: stream }).on('line', (line) => lines.push(line));
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      const pid = lines.map((l) => /^pid (\d+)$/.exec(l)).find((m) => m != null);
      if (pid && (until === '' || lines.includes(until))) {
        clearInterval(poll);
        resolve({ pid: Number(pid[1]), lines });
      }
    }, 20);
    // Our pipes close once the launcher and the service are both gone.
    child.stdout?.once('close', () =>
      setTimeout(() => {
        clearInterval(poll);
        reject(new Error(`the service never printed ${until || 'its pid'}:\n${lines.join('\n')}`));
      }, 100),
    );
  });
}

/** Waits until `pid` is gone; the deadline only bounds the wait (a live orphan never goes). */
async function gone(pid: number, boundMs = 30000): Promise<boolean> {
  const deadline = Date.now() + boundMs;
  while (running(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return !running(pid);
}

describe('the launcher lifeline of a service (real processes)', function () {
  this.timeout(60000);
  const started: number[] = [];
  afterEach(() => {
    for (const pid of started.splice(0)) if (running(pid)) process.kill(pid, 'SIGKILL');
  });

  const launchAndDie = (mode: string): ChildProcess =>
    spawn(process.execPath, ['--input-type=module', '-e', DYING_LAUNCHER, SERVICE, mode], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  it('exits at once when it finishes starting after its launcher was SIGKILLed', async () => {
    const seen = await whenPrinted(launchAndDie('late'), '');
    started.push(seen.pid);
    assert.ok(await gone(seen.pid), `the service outlived its launcher:\n${seen.lines.join('\n')}`);
    assert.ok(
      seen.lines.some((l) => l.includes('stopping: the launcher was gone before start-up finished')),
      seen.lines.join('\n'),
    );
  });

  it('exits when its launcher is SIGKILLed while the service is still starting', async () => {
    const seen = await whenPrinted(launchAndDie('starting'), 'armed');
    started.push(seen.pid);
    assert.ok(await gone(seen.pid), `the service outlived its launcher:\n${seen.lines.join('\n')}`);
    assert.ok(
      seen.lines.some((l) =>
        /stopping: the launcher (exited while the service was starting|was gone)/.test(l),
      ),
      seen.lines.join('\n'),
    );
  });

  it('runs normally when started by hand without an IPC channel, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', SERVICE, 'serving'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const seen = await whenPrinted(child, 'armed');
    started.push(seen.pid);
    // Still running after arming: had the lifeline fired, this signal would find no process.
    assert.ok(running(seen.pid), seen.lines.join('\n'));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.ok(seen.lines.some((l) => l.includes('"signal":"SIGTERM"') && l.includes('shutting down')));
    assert.ok(!seen.lines.some((l) => l.includes('stopping: the launcher')), seen.lines.join('\n'));
  });
});

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ProcessIdentity } from '../../faults/index.js';
import { processIdentity } from '../../faults/proc-stat.js';
import type { EnvironmentRecord } from '../environment-record.js';
import { envOf, findRunLeftovers, isClean, type RunLeftovers } from './run-leftovers.js';

/**
 * Kills a real `faultline run` with SIGKILL at a chosen point of its start-up, runs
 * `faultline cleanup`, and reports what is left of the run. Shared by the integration test and
 * the survey script.
 *
 *   spawn `faultline run` (own TMPDIR, state and runs folders)
 *     -> poll its children every 20 ms (7 fleet services, then Prometheus)
 *     -> the `afterChild`-th child appeared (0: the "starting the embedded environment" line)
 *     -> wait `delayMs` -> SIGKILL -> `faultline cleanup` -> look up leftovers until clean or
 *        `settleMs` passed (a service with a lifeline may still be shutting down)
 */

/** When to kill: `delayMs` after the `afterChild`-th child process of the controller appeared. */
export interface KillPoint {
  afterChild: number;
  delayMs: number;
}

/** What one kill left. */
export interface StartupKillResult {
  point: KillPoint;
  /** Children the controller had started when it was killed, in start order. */
  children: (ProcessIdentity & { name: string })[];
  /** Ms from the controller's spawn to the kill. */
  killedAtMs: number;
  /** The controller finished starting its environment before the kill point was reached. */
  startedBeforeKill: boolean;
  /** The controller's exit code when it ended by itself before the kill (e.g. a failed start). */
  exitedByItself?: number | null;
  /** Processes recorded in the environment record at the moment of the kill. */
  recorded: string[];
  /** The run's database and AMQP prefixes, when known (from the record or a child's env). */
  dbPrefix?: string;
  amqpPrefix?: string;
  cleanupStatus: number | null;
  cleanupOutput: string;
  leftovers: RunLeftovers;
}

/** Options of {@link killDuringStartup}. */
export interface StartupKillOptions {
  /** Repository root holding `bin/faultline.js` and `dist/`. */
  repoDir: string;
  /** Experiment file, relative to `repoDir`. */
  fixture: string;
  point: KillPoint;
  /** How long to wait for the run's processes to go after cleanup, in ms; default 20 000. */
  settleMs?: number;
  /** Gives up on a start-up that never reaches the kill point, in ms; default 240 000. */
  startTimeoutMs?: number;
}

const POLL_MS = 20;

/** Runs one kill; never throws for what the run left (that is in `leftovers`). */
export async function killDuringStartup(options: StartupKillOptions): Promise<StartupKillResult> {
  const work = mkdtempSync(join(tmpdir(), 'faultline-startup-kill-'));
  const tmpDir = join(work, 'tmp');
  const stateDir = join(work, 'state');
  mkdirSync(tmpDir);
  const env = { ...process.env, TMPDIR: tmpDir, LOG_LEVEL: 'warn' };
  try {
    const started = Date.now();
    const controller = spawn(
      process.execPath,
      ['bin/faultline.js', 'run', options.fixture, '--runs-dir', join(work, 'runs'), '--state-dir', stateDir],
      { cwd: options.repoDir, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<void>((resolve) => controller.once('exit', () => resolve()));
    let output = '';
    let starting = false;
    let ready = false;
    controller.stdout.on('data', (b: Buffer) => {
      output += b.toString();
      starting ||= output.includes('starting the embedded environment');
      ready ||= /prometheus http:\S+ \(started/.test(output);
    });
    controller.stderr.on('data', (b: Buffer) => (output += b.toString()));
    const children: StartupKillResult['children'] = [];
    const pid = controller.pid ?? -1;
    let prefixes: { db?: string; amqp?: string } = {};
    let anchorMs: number | undefined;
    const deadline = started + (options.startTimeoutMs ?? 240_000);
    while (controller.exitCode === null && Date.now() < deadline) {
      for (const child of childrenOf(pid))
        if (!children.some((c) => c.pid === child.pid)) children.push({ ...child, name: '' });
      // A child seen before its exec still shows the controller's command line: look again.
      for (const child of children.filter((c) => c.name === '')) {
        child.name = nameOf(child.pid) ?? '';
        prefixes.db ??= envOf(child.pid, 'FAULTLINE_DB_PREFIX') || undefined;
        prefixes.amqp ??= envOf(child.pid, 'FAULTLINE_AMQP_PREFIX') || undefined;
      }
      const anchored =
        options.point.afterChild === 0 ? starting : children.length >= options.point.afterChild;
      anchorMs ??= anchored || ready ? Date.now() : undefined;
      if (anchorMs !== undefined && Date.now() >= anchorMs + options.point.delayMs) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const killedAtMs = Date.now() - started;
    const exitedByItself = controller.exitCode;
    if (controller.exitCode === null) controller.kill('SIGKILL');
    await exited;
    for (const child of children) child.name ||= nameOf(child.pid) ?? 'process';
    const record = readRecord(stateDir);
    prefixes = { db: record?.dbPrefix ?? prefixes.db, amqp: record?.amqpPrefix ?? prefixes.amqp };
    const cleanup = spawnSync(process.execPath, ['bin/faultline.js', 'cleanup', '--state-dir', stateDir], {
      cwd: options.repoDir,
      env,
      encoding: 'utf8',
    });
    const traces = {
      tmpDir,
      stateDir,
      children,
      ...(prefixes.db === undefined ? {} : { dbPrefix: prefixes.db }),
      ...(prefixes.amqp === undefined ? {} : { amqpPrefix: prefixes.amqp }),
    };
    let leftovers = await findRunLeftovers(traces);
    const settleUntil = Date.now() + (options.settleMs ?? 20_000);
    while (!isClean(leftovers) && Date.now() < settleUntil) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      leftovers = await findRunLeftovers(traces);
    }
    return {
      ...traces,
      point: options.point,
      killedAtMs,
      startedBeforeKill: ready,
      ...(exitedByItself === null ? {} : { exitedByItself }),
      recorded: record?.processes.map((p) => p.name) ?? [],
      cleanupStatus: cleanup.status,
      cleanupOutput: `${cleanup.stdout}${cleanup.stderr}\n--- run output ---\n${output}`,
      leftovers,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Ends, by pid and only if it is still the same process, whatever a kill left running. */
export function stopLeftoverChildren(result: StartupKillResult): void {
  for (const child of result.children) {
    const now = processIdentity(child.pid);
    if (now?.startTicks === child.startTicks) process.kill(child.pid, 'SIGKILL');
  }
}

function childrenOf(pid: number): ProcessIdentity[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((child) => processIdentity(Number(child)))
      .filter((p) => p !== undefined);
  } catch {
    return [];
  }
}

/**
 * `order` for a fleet service (its main module's folder), else the program's name; undefined
 * while the child still runs the controller's program (before its exec) or is gone.
 */
function nameOf(pid: number): string | undefined {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    // Empty while the exec is under way.
    if (argv.length === 0 || argv.some((a) => a.endsWith('bin/faultline.js'))) return undefined;
    const main = argv.find((a) => a.endsWith('/main.js'));
    return main ? basename(join(main, '..')) : basename(argv[0] ?? 'process');
  } catch {
    return undefined;
  }
}

function readRecord(stateDir: string): EnvironmentRecord | undefined {
  try {
    const dir = join(stateDir, 'environments');
    const file = readdirSync(dir).find((f) => f.endsWith('.json'));
    return file === undefined
      ? undefined
      : (JSON.parse(readFileSync(join(dir, file), 'utf8')) as EnvironmentRecord);
  } catch {
    return undefined;
  }
}

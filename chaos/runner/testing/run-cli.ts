import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Journal } from '../../report/journal.js';

/** The repository root (tests run the CLI from there). */
export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

/** What a `faultline run` child process did. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runCli}. */
export interface CliOptions {
  /** May act on the live output (e.g. send SIGINT); gets the CLI's PID. */
  onLine?: (line: string, pid: number) => void;
  env?: Record<string, string>;
  flags?: string[];
}

/** CLI children still running; a test that timed out leaves its child here. */
const live = new Set<ChildProcess>();

/**
 * Stops every CLI child still running: SIGINT first, so that the run removes its faults and stops
 * what it started, then SIGKILL after `graceMs`. Registered as a root `afterEach` hook below, so a
 * test that times out (mocha abandons its promise) does not leave a controller running into the
 * next test, and on process exit as a last resort.
 */
export async function stopLeftoverCliRuns(graceMs = 60_000): Promise<void> {
  await Promise.all(
    [...live].map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }),
  );
}

if (typeof afterEach === 'function')
  afterEach(async function () {
    this.timeout(120_000);
    await stopLeftoverCliRuns();
  });
process.once('exit', () => {
  for (const child of live) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Runs `bin/faultline.js run <fixture>` with its runs and state folders under `work`. Test support. */
export function runCli(
  work: string,
  fixture: string,
  { onLine, env = {}, flags = [] }: CliOptions = {},
): Promise<CliRun> {
  const args = [
    'bin/faultline.js',
    'run',
    fixture,
    '--runs-dir',
    join(work, 'runs'),
    '--state-dir',
    join(work, 'state'),
    ...flags,
  ];
  const child = spawn(process.execPath, args, {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let stdout = '';
  let stderr = '';
  let partial = '';
  child.stdout.on('data', (b: Buffer) => {
    const text = b.toString();
    stdout += text;
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line) onLine?.(line, child.pid ?? 0);
  });
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/**
 * An `onLine` for {@link runCli} that sends `signal` to the controller once, at the first output
 * line containing `marker` (e.g. SIGINT when the fault is applied). `sent` says whether it did.
 */
export function signalAt(
  marker: string,
  signal: NodeJS.Signals = 'SIGINT',
): { onLine: (line: string, pid: number) => void; readonly sent: boolean } {
  let sent = false;
  return {
    onLine: (line, pid) => {
      if (!sent && line.includes(marker)) {
        sent = true;
        process.kill(pid, signal);
      }
    },
    get sent() {
      return sent;
    },
  };
}

/** The journal of the one run folder under `work/runs`. */
export function readOnlyJournal(work: string): Journal {
  const runs = readdirSync(join(work, 'runs'));
  assert.equal(runs.length, 1, `one run folder, got ${runs.join(', ')}`);
  return JSON.parse(readFileSync(join(work, 'runs', runs[0] as string, 'journal.json'), 'utf8')) as Journal;
}

/** Run-state files and environment records left in the state folder. */
export const stateFiles = (work: string): string[] =>
  readdirSync(join(work, 'state'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));

/** The PID of the run's Prometheus, from its `prometheus <url> (started, pid N)` line. */
export function prometheusPid(stdout: string): number {
  const match = /prometheus http:\/\/127\.0\.0\.1:\d+ \(started, pid (\d+)\)/.exec(stdout);
  assert.ok(match, `no Prometheus start line in\n${stdout}`);
  return Number(match[1]);
}

/** Whether a PID is alive (a zombie counts as alive). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

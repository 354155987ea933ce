import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FaultlineError } from '../errors.js';
import { renderScrapeConfig, type ScrapeTarget } from './scrape-config.js';

/** Options of a local Prometheus. */
export interface StartPrometheusOptions {
  targets: readonly ScrapeTarget[];
  /** Scrape/evaluation interval in ms; default 1 000. */
  intervalMs?: number;
  /** Rule files (absolute paths) loaded with `rule_files:`; default none. */
  ruleFiles?: readonly string[];
  /** Loopback port; default 0 = a free port picked just before start. */
  port?: number;
  /** Default `/usr/bin/prometheus`. */
  binary?: string;
  /** How long to wait for `/-/ready`, in ms; default 20 000. */
  readyTimeoutMs?: number;
  /** How long to wait after SIGTERM before SIGKILL, in ms; default 5 000. */
  stopTimeoutMs?: number;
  /**
   * Told of the temp folder as soon as it exists and of the process (`prometheus`) as soon as it
   * is spawned, before it is ready, so that a record of them can outlive this process. Awaited;
   * if it throws, the start fails (`ERR_PROMETHEUS_START`) and what was made is removed.
   */
  onCreated?: (created: {
    processes?: Record<string, number>;
    tempDirs?: readonly string[];
  }) => Promise<void> | void;
}

/** A running Prometheus started by this process. `stop()` is idempotent. */
export interface LocalPrometheus {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  pid: number;
  /** Temp folder holding `prometheus.yml` and the TSDB; removed by `stop()`. */
  workDir: string;
  stop(): Promise<void>;
}

const STDERR_KEEP_CHARS = 4000;

/**
 * Starts `/usr/bin/prometheus` on 127.0.0.1 with a generated scrape config and a temp TSDB, and
 * resolves once `/-/ready` answers 200.
 *
 * @throws FaultlineError `ERR_PROMETHEUS_START` if it exits early or is not ready in time (the
 *   process is stopped and the temp folder removed first).
 */
export async function startPrometheus(options: StartPrometheusOptions): Promise<LocalPrometheus> {
  const workDir = await mkdtemp(join(tmpdir(), 'faultline-prometheus-'));
  try {
    await options.onCreated?.({ tempDirs: [workDir] });
  } catch (err) {
    await rm(workDir, { recursive: true, force: true });
    throw new FaultlineError('ERR_PROMETHEUS_START', `cannot record ${workDir}`, { cause: err });
  }
  const configFile = join(workDir, 'prometheus.yml');
  await writeFile(
    configFile,
    renderScrapeConfig({
      targets: options.targets,
      intervalMs: options.intervalMs ?? 1000,
      ...(options.ruleFiles ? { ruleFiles: options.ruleFiles } : {}),
    }),
  );
  const port = options.port && options.port > 0 ? options.port : await freeLoopbackPort();
  const [command, ...args] = withParentDeathSignal([
    options.binary ?? '/usr/bin/prometheus',
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${join(workDir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
  ]);
  const child = spawn(command!, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_KEEP_CHARS);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const url = `http://127.0.0.1:${port}`;
  const stop = once(() =>
    stopProcess(child, exited, options.stopTimeoutMs ?? 5000).finally(() =>
      rm(workDir, { recursive: true, force: true }),
    ),
  );
  try {
    if (child.pid !== undefined) await options.onCreated?.({ processes: { prometheus: child.pid } });
    await waitReady(url, options.readyTimeoutMs ?? 20_000, exited, spawnError);
  } catch (err) {
    await stop();
    throw new FaultlineError(
      'ERR_PROMETHEUS_START',
      `Prometheus did not become ready on ${url}: ${(err as Error).message}\n${stderr.trim()}`,
      { cause: err },
    );
  }
  return { url, port, pid: child.pid ?? -1, workDir, stop };
}

const SETPRIV = '/usr/bin/setpriv';

/**
 * Prometheus is not a Node process, so it cannot watch an IPC channel the way the fleet's services
 * do. On Linux, util-linux `setpriv --pdeathsig TERM` sets the parent-death signal and then execs
 * Prometheus in the same process (same pid), so the kernel sends it SIGTERM when this controller
 * dies, even by SIGKILL, including a death inside `spawn()` before the pid was recorded. Where
 * setpriv is missing, Prometheus is started directly and `faultline cleanup` stops it from the
 * environment record.
 */
export function withParentDeathSignal(argv: readonly string[]): string[] {
  return process.platform === 'linux' && existsSync(SETPRIV)
    ? [SETPRIV, '--pdeathsig', 'TERM', '--', ...argv]
    : [...argv];
}

async function waitReady(
  url: string,
  timeoutMs: number,
  exited: Promise<void>,
  spawnError: Promise<Error>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let done: string | undefined;
  void exited.then(() => (done ??= 'the process exited'));
  void spawnError.then((e) => (done ??= `cannot start: ${e.message}`));
  while (Date.now() < deadline) {
    if (done !== undefined) throw new Error(done);
    try {
      const response = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(done ?? `not ready after ${timeoutMs} ms`);
}

/** SIGTERM, then SIGKILL after `timeoutMs`; resolves when the process has exited. */
async function stopProcess(child: ChildProcess, exited: Promise<void>, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs)));
  const stillRunning = await Promise.race([exited.then(() => false), timedOut]);
  clearTimeout(timer);
  if (stillRunning) {
    child.kill('SIGKILL');
    await exited;
  }
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { closedPort, echoServer, sendThenFinServer, silentServer, type Upstream } from './upstreams.js';
import { connectProbe, type SocketProbe } from './socket-probe.js';
import {
  parseJson,
  request,
  splitHostPort,
  type ProxyJson,
  type RawResponse,
  type RequestOptions,
} from './http.js';
import { sleep } from './timing.js';

/**
 * Test harness for the conformance suite. Every suite runs twice in the same mocha run, with the
 * same expectations, against two servers, each spawned fresh on 127.0.0.1 and a free port:
 *
 *   faultline  -> `node bin/faultline.js proxy --host 127.0.0.1 --port <free> --proxy-metrics`
 *   toxiproxy  -> `$TOXIPROXY_BIN -host 127.0.0.1 -port <free> -proxy-metrics` (real Toxiproxy 2.12.0);
 *                 without TOXIPROXY_BIN that half is skipped, with the reason printed
 *
 * Each server is stopped by its PID after the suite. Each test gets a clean slate: `POST /reset`
 * before, and after it every proxy it created is deleted, every upstream server and client socket it
 * opened is closed.
 */

/** Which server a suite runs against. */
export type ServerKind = 'faultline' | 'toxiproxy';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** How long a spawned server may take to answer `GET /version`, in ms. */
export const STARTUP_TIMEOUT_MS = 15_000;
let serial = 0;

/** What a test sees: the server URL plus helpers that clean up after themselves. */
export class Conformance {
  url = '';

  /**
   * @param server which server to spawn
   * @param serverFlags flags in Faultline's spelling (`--proxy-metrics`, `--config <file>`); for
   *   Toxiproxy each `--flag` becomes `-flag`. Default `['--proxy-metrics']`.
   */
  constructor(
    readonly server: ServerKind,
    private readonly serverFlags: readonly string[] = ['--proxy-metrics'],
  ) {}

  private child: ChildProcess | undefined;
  private childOutput = '';
  private proxies = new Set<string>();
  private cleanups: (() => Promise<void> | void)[] = [];

  /** A proxy name unique to this run; it is deleted after the test. */
  name(label: string): string {
    const name = `cf${process.pid}_${++serial}_${label}`;
    this.proxies.add(name);
    return name;
  }

  /** Marks a proxy name (e.g. one created through a client) for deletion after the test. */
  track(name: string): void {
    this.proxies.add(name);
  }

  /** Raw request against the server. */
  call(method: string, path: string, options?: RequestOptions): Promise<RawResponse> {
    return request(this.url, method, path, options);
  }

  /** Creates a proxy (listen defaults to 127.0.0.1:0) and asserts 201. */
  async createProxy(
    label: string,
    upstream: string,
    extra: Record<string, unknown> = {},
  ): Promise<ProxyJson> {
    const name = this.name(label);
    const res = await this.call('POST', '/proxies', {
      body: { name, listen: '127.0.0.1:0', upstream, ...extra },
    });
    if (res.status !== 201) throw new Error(`create proxy ${name}: ${res.status} ${res.text}`);
    return parseJson<ProxyJson>(res);
  }

  /** Adds a toxic and asserts 200. */
  async addToxic(proxy: string, toxic: Record<string, unknown>): Promise<void> {
    const res = await this.call('POST', `/proxies/${proxy}/toxics`, { body: toxic });
    if (res.status !== 200) throw new Error(`add toxic to ${proxy}: ${res.status} ${res.text}`);
  }

  /** Deletes a toxic and asserts 204. */
  async removeToxic(proxy: string, toxic: string): Promise<void> {
    const res = await this.call('DELETE', `/proxies/${proxy}/toxics/${toxic}`);
    if (res.status !== 204) throw new Error(`remove toxic ${toxic}: ${res.status} ${res.text}`);
  }

  /** PATCHes a proxy and asserts 200. */
  async updateProxy(proxy: string, body: Record<string, unknown>): Promise<ProxyJson> {
    const res = await this.call('PATCH', `/proxies/${proxy}`, { body });
    if (res.status !== 200) throw new Error(`update ${proxy}: ${res.status} ${res.text}`);
    return parseJson<ProxyJson>(res);
  }

  /** Opens a client connection to a proxy's `listen` address; closed after the test. */
  async connect(listen: string): Promise<SocketProbe> {
    const { port } = splitHostPort(listen);
    const probe = await connectProbe('127.0.0.1', port);
    this.cleanups.push(() => probe.destroy());
    return probe;
  }

  echo(): Promise<Upstream> {
    return this.adopt(echoServer());
  }

  sendThenFin(data: Buffer): Promise<Upstream> {
    return this.adopt(sendThenFinServer(data));
  }

  silent(): Promise<Upstream> {
    return this.adopt(silentServer());
  }

  /** A free loopback port nothing listens on. */
  closedPort(): Promise<number> {
    return closedPort();
  }

  /** Runs `fn` after the test (e.g. closing a port blocker). */
  defer(fn: () => Promise<void> | void): void {
    this.cleanups.push(fn);
  }

  /** The spawned server's PID (for memory measurements). */
  get pid(): number {
    const pid = this.child?.pid;
    if (pid === undefined) throw new Error('the server is not running');
    return pid;
  }

  /** Resident memory of the server process, in bytes (Linux `/proc/<pid>/status` VmRSS). */
  residentBytes(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
    if (kb === undefined) throw new Error(`no VmRSS for pid ${this.pid}`);
    return Number(kb) * 1024;
  }

  async start(): Promise<void> {
    const port = await closedPort();
    this.url = `http://127.0.0.1:${port}`;
    const [command, args] = this.commandLine(port);
    this.child = spawn(command, args, {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'warn' },
    });
    this.child.stdout?.on('data', (d: Buffer) => this.keepOutput(d));
    this.child.stderr?.on('data', (d: Buffer) => this.keepOutput(d));
    this.child.on('error', (err) => this.keepOutput(Buffer.from(String(err))));
    await this.waitReady(this.child);
    await this.warmUp();
  }

  /**
   * One proxied echo exchange before the first test, so that neither server's first timed case
   * pays for process start-up (JIT, lazy allocations) on a busy machine.
   */
  private async warmUp(): Promise<void> {
    const echo = await echoServer();
    const name = `cf${process.pid}_warmup_${++serial}`;
    try {
      const res = await this.call('POST', '/proxies', {
        body: { name, listen: '127.0.0.1:0', upstream: echo.address },
      });
      const { listen } = parseJson<ProxyJson>(res);
      const probe = await connectProbe('127.0.0.1', splitHostPort(listen).port);
      for (let i = 0; i < 20; i++) await probe.roundTrip('warm-up');
      probe.destroy();
    } finally {
      await this.call('DELETE', `/proxies/${name}`);
      await echo.close();
    }
  }

  private commandLine(port: number): [string, string[]] {
    if (this.server === 'faultline') {
      const flags = ['--host', '127.0.0.1', '--port', String(port), ...this.serverFlags];
      return [process.execPath, ['bin/faultline.js', 'proxy', ...flags]];
    }
    const flags = this.serverFlags.map((f) => (f.startsWith('--') ? f.slice(1) : f));
    return [toxiproxyBin() as string, ['-host', '127.0.0.1', '-port', String(port), ...flags]];
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(3000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }

  /** Resets the server, as every test starts. */
  async resetServer(): Promise<void> {
    const res = await this.call('POST', '/reset');
    if (res.status !== 204) throw new Error(`POST /reset: ${res.status} ${res.text}`);
  }

  /** Deletes what the test created, closes its sockets and servers, then resets. */
  async cleanup(): Promise<void> {
    const cleanups = this.cleanups.reverse();
    this.cleanups = [];
    for (const fn of cleanups) await fn();
    for (const name of this.proxies) await this.call('DELETE', `/proxies/${encodeURIComponent(name)}`);
    this.proxies.clear();
    await this.call('POST', '/reset');
  }

  private async adopt(started: Promise<Upstream>): Promise<Upstream> {
    const upstream = await started;
    this.cleanups.push(() => upstream.close());
    return upstream;
  }

  private keepOutput(d: Buffer): void {
    this.childOutput = (this.childOutput + d.toString()).slice(-4000);
  }

  private async waitReady(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    let last = '';
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `proxy server exited (${child.exitCode ?? child.signalCode}) before ready:\n${this.childOutput}`,
        );
      }
      try {
        const res = await this.call('GET', '/version');
        if (res.status === 200) return;
        last = `status ${res.status}`;
      } catch (err) {
        last = String(err);
      }
      await sleep(100);
    }
    await this.stop();
    throw new Error(
      `proxy server at ${this.url} not ready after ${STARTUP_TIMEOUT_MS} ms (${last}):\n${this.childOutput}`,
    );
  }
}

/** The real Toxiproxy binary from `TOXIPROXY_BIN`, or undefined. */
export function toxiproxyBin(): string | undefined {
  return process.env['TOXIPROXY_BIN'] || undefined;
}

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { FaultlineError } from '../errors.js';
import {
  DEFAULT_ADMIN_PORT_BASE,
  DEFAULT_PORT_BASE,
  FLEET_SERVICES,
  type FleetService,
} from './fleet-services.js';
import { attachFleetProxy, type FleetProxy, type FleetProxyOption } from './fleet-proxy.js';
import { parseLinkMap, relocateLinks, type LinkEntry } from './link-map.js';
import { waitForReady } from './readiness.js';

/** How to start a fleet. Every field is optional; defaults give the demo fleet. */
export interface FleetOptions {
  /** Folder holding the built `target-services/` (default: this launcher's dist/ root). */
  distDir?: string;
  /** Link map to start from (default `<repo>/target-services/links.json`). */
  linksFile?: string;
  /** First HTTP port (default 8080: gateway, +1 order … +6 carrier). */
  portBase?: number;
  /** First admin port (default 9180; psp = +5, carrier = +6). */
  adminPortBase?: number;
  /** First proxy listen port for the relocated link map (default 21000). */
  listenBase?: number;
  /** Prefix of every database name (`<prefix>order_db` …); lower-case, digits, `_`. */
  dbPrefix?: string;
  /** Prefix of every exchange and queue name. */
  amqpPrefix?: string;
  /**
   * Put the fault proxy between the services and everything they call (default: none, direct
   * connections). `'embedded'` starts the in-process proxy on loopback; `{ url }` uses an existing
   * Toxiproxy-compatible server. Either is populated with the relocated link map before the
   * services start with `FAULTLINE_VIA_PROXY=1`, and torn down by `stop()`.
   */
  proxy?: FleetProxyOption;
  /** API port of the embedded proxy (default 0: a free port). */
  proxyApiPort?: number;
  /** Env for every service (e.g. OTEL_EXPORTER_OTLP_ENDPOINT). */
  env?: Record<string, string>;
  /** Extra env per service (e.g. `{ order: { SAGA_STEP_TIMEOUT_MS: '2000' } }`). */
  serviceEnv?: Partial<Record<FleetService, Record<string, string>>>;
  /** Receives each log line prefixed `[service] ` (default: dropped; kept in `logs()`). */
  onLog?: (line: string) => void;
  /** Start only these services (default: all). Handy for a test of one participant. */
  only?: readonly FleetService[];
  /** Give up waiting for readiness after this many ms (default 60000). */
  readyTimeoutMs?: number;
  /**
   * Told of the fleet's temp folder as soon as it exists and of each service process as soon as
   * it is spawned (before it is ready; restarts too), so that a record of them can outlive this
   * process. The fleet waits for it; if it throws, the start fails (`ERR_FLEET_START`).
   */
  onCreated?: (created: CreatedResources) => Promise<void> | void;
}

/** What {@link FleetOptions.onCreated} is told of: processes by name and pid, temp folders. */
export interface CreatedResources {
  processes?: Record<string, number>;
  tempDirs?: readonly string[];
}

/** A running fleet. */
export interface Fleet {
  /** Base URL of each service's public HTTP port. */
  urls: Record<FleetService, string>;
  /** Every service's loopback admin listener (`/v1/admin/config`; simulators: `/v1/admin/simulator`). */
  adminUrls: Record<FleetService, string>;
  /** PIDs of the child processes (live: updated by `restartService`). */
  pids: Record<FleetService, number>;
  /** The link map file the services use. */
  linksFile: string;
  /** The links in that file (relocated ports). */
  links: LinkEntry[];
  /** Toxiproxy API URL of the proxy the fleet goes through; undefined for direct connections. */
  proxyUrl: string | undefined;
  /** The last log lines (up to 2000), for diagnostics. */
  logs(): string[];
  /** Stops one service (SIGTERM, SIGKILL after 15 s) and resolves on its exit. */
  stopService(name: FleetService): Promise<void>;
  /** Starts a stopped service again with the same env and waits for its readiness. */
  restartService(name: FleetService): Promise<void>;
  /** Stops every service (reverse start order), then the proxy, and removes the temp link map. */
  stop(): Promise<void>;
}

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Starts every fleet service as a child process (`node --import register.js <svc>/main.js`),
 * waits until all answer `/readyz` with 200, and returns their URLs and a `stop()`. With `proxy`
 * it first populates the fault proxy with the link map and starts the services against the links'
 * `listen` addresses. On a start failure it stops what it started and throws `ERR_FLEET_START`
 * with the last log lines.
 */
export async function startFleet(options: FleetOptions = {}): Promise<Fleet> {
  const distDir = options.distDir ?? join(here, '..', '..');
  const portBase = options.portBase ?? DEFAULT_PORT_BASE;
  const adminBase = options.adminPortBase ?? DEFAULT_ADMIN_PORT_BASE;
  const links = loadRelocatedLinks(options, distDir, portBase);
  const tmp = mkdtempSync(join(tmpdir(), 'faultline-fleet-'));
  const linksFile = join(tmp, 'links.json');
  writeFileSync(linksFile, JSON.stringify(links, null, 2));
  const logBuffer: string[] = [];
  const log = (line: string): void => {
    logBuffer.push(line);
    if (logBuffer.length > 2000) logBuffer.shift();
    options.onLog?.(line);
  };
  const urls = Object.fromEntries(
    FLEET_SERVICES.map((s) => [s.name, `http://127.0.0.1:${portBase + s.offset}`]),
  ) as Record<FleetService, string>;
  const children = new Map<FleetService, ChildProcess>();
  // One live object: a restarted service's new PID shows through every copy of the fleet handle.
  const pids = {} as Record<FleetService, number>;
  let proxy: FleetProxy | undefined;
  const envOf = (s: (typeof FLEET_SERVICES)[number]): NodeJS.ProcessEnv => ({
    ...process.env,
    ...options.env,
    ...(options.proxy ? { FAULTLINE_VIA_PROXY: '1' } : {}),
    OTEL_SERVICE_NAME: s.name,
    PORT: String(portBase + s.offset),
    ADMIN_PORT: String(adminBase + s.offset),
    FAULTLINE_LINKS: linksFile,
    FAULTLINE_DB_PREFIX: options.dbPrefix ?? '',
    FAULTLINE_AMQP_PREFIX: options.amqpPrefix ?? '',
    ...options.serviceEnv?.[s.name],
  });
  const launch = async (s: (typeof FLEET_SERVICES)[number]): Promise<void> => {
    const child = spawnService(distDir, s.name, envOf(s), log);
    children.set(s.name, child);
    pids[s.name] = child.pid ?? -1;
    if (child.pid !== undefined) await options.onCreated?.({ processes: { [s.name]: child.pid } });
    await waitForReady(`${urls[s.name]}/readyz`, child, options.readyTimeoutMs ?? 60000);
  };
  const stopService = async (name: FleetService): Promise<void> => {
    const child = children.get(name);
    children.delete(name);
    if (child) await stopChild(child);
  };
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      for (const s of [...FLEET_SERVICES].reverse()) await stopService(s.name);
      // After the services, so they close their connections through the proxy gracefully.
      const problems = (await proxy?.teardown()) ?? [];
      rmSync(tmp, { recursive: true, force: true });
      if (problems.length > 0)
        throw new FaultlineError('ERR_FLEET_STOP', `fleet stopped, but: ${problems.join('; ')}`);
    })());
  const selected = FLEET_SERVICES.filter((s) => !options.only || options.only.includes(s.name));
  try {
    await options.onCreated?.({ tempDirs: [tmp] });
    if (options.proxy)
      proxy = await attachFleetProxy(options.proxy, links, {
        ...(options.proxyApiPort !== undefined ? { apiPort: options.proxyApiPort } : {}),
        log,
      });
    for (const s of selected) await launch(s);
  } catch (err) {
    await stop().catch(() => undefined);
    const logs = logBuffer.slice(-15);
    // The message already carries err's; its cause (if any) continues the chain without repeating it.
    throw new FaultlineError(
      'ERR_FLEET_START',
      `fleet did not start: ${(err as Error).message}${logs.length ? `\n--- last log lines ---\n${logs.join('\n')}` : ''}`,
      { cause: (err as Error).cause },
    );
  }
  return {
    urls,
    adminUrls: Object.fromEntries(
      FLEET_SERVICES.map((s) => [s.name, `http://127.0.0.1:${adminBase + s.offset}`]),
    ) as Record<FleetService, string>,
    pids,
    linksFile,
    links,
    proxyUrl: proxy?.url,
    logs: () => [...logBuffer],
    stopService,
    restartService: async (name) => launch(FLEET_SERVICES.find((s) => s.name === name)!),
    stop,
  };
}

function loadRelocatedLinks(options: FleetOptions, distDir: string, portBase: number): LinkEntry[] {
  const source = options.linksFile ?? join(distDir, '..', 'target-services', 'links.json');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(source, 'utf8'));
  } catch (err) {
    throw new FaultlineError('ERR_INPUT_LINKS', `cannot read the link map ${source}`, { cause: err });
  }
  return relocateLinks(parseLinkMap(json, source), portBase, options.listenBase ?? 21000);
}

function spawnService(
  distDir: string,
  name: FleetService,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): ChildProcess {
  const register = join(distDir, 'target-services', 'platform', 'telemetry', 'register.js');
  const main = join(distDir, 'target-services', name, 'main.js');
  const child = spawn(process.execPath, ['--enable-source-maps', '--import', register, main], {
    env,
    // The IPC channel is only a lifeline: it closes when this process dies (even by SIGKILL), and
    // the service then shuts itself down (platform/shutdown.ts).
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.channel?.unref();
  for (const stream of [child.stdout, child.stderr])
    if (stream !== null) createInterface({ input: stream }).on('line', (line) => log(`[${name}] ${line}`));
  child.on('exit', (code, signal) => log(`[${name}] exited (${signal ?? `code ${code}`})`));
  return child;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 15000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

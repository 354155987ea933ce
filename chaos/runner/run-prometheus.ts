import { constants } from 'node:fs';
import { access, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FaultlineError } from '../errors.js';
import { processCpuSeconds } from '../prometheus-server/process-cpu.js';
import { startPrometheus, type StartPrometheusOptions } from '../prometheus-server/prometheus-process.js';
import { fleetScrapeTargets } from '../prometheus-server/scrape-config.js';

/** Debian's `prometheus` package puts the server here. */
export const DEFAULT_PROMETHEUS_BINARY = '/usr/bin/prometheus';

/** The Prometheus a run queries: one it started (embedded) or one it was told to use (attach). */
export interface RunPrometheus {
  url: string;
  source: 'embedded' | 'attach';
  /** PID of the server this run started; absent in attach mode. */
  pid?: number;
  /** Temp folder (config and TSDB) of the embedded server; absent in attach mode. */
  workDir?: string;
  /** Epoch ms when the embedded server was ready; absent in attach mode. */
  startedAtMs?: number;
  /** Rule files the embedded server loaded (absolute paths); empty in attach mode. */
  ruleFiles: readonly string[];
  /** CPU seconds (user + system) the embedded server has used so far; undefined in attach mode. */
  cpuSeconds(): Promise<number | undefined>;
  /** Stops the embedded server (by PID) and removes its temp folder; a no-op in attach mode. */
  stop(): Promise<void>;
}

/** Where the embedded fleet's metrics are, for the generated scrape config. */
export interface RunScrapeEndpoints {
  /** Service name → base URL of its HTTP port (which serves `/metrics`). */
  services: Readonly<Record<string, string>>;
  /** Base URL of the fault proxy's API (serves `/metrics` with the proxy's byte counters). */
  proxyUrl: string;
}

/** Scrape interval of a run's Prometheus, in ms (short runs need fine-grained series). */
export const RUN_SCRAPE_INTERVAL_MS = 1000;

/**
 * Fails fast, before anything is started, when the Prometheus binary is not there.
 * @throws FaultlineError `ERR_RUN_PROMETHEUS_MISSING`
 */
export async function ensurePrometheusBinary(binary: string): Promise<void> {
  try {
    await access(binary, constants.X_OK);
  } catch (err) {
    throw new FaultlineError(
      'ERR_RUN_PROMETHEUS_MISSING',
      `Prometheus is needed for PromQL and recovery checks, but ${binary} is not an executable ` +
        "file; install Debian's `prometheus` package (`npm run setup` does it) or point " +
        'FAULTLINE_PROMETHEUS_BIN at a prometheus binary',
      { cause: err },
    );
  }
}

/**
 * Starts a Prometheus on 127.0.0.1 (free port, temp TSDB) scraping every fleet service, the fault
 * proxy and RabbitMQ's prometheus plugin every second, and waits until it is ready. `onCreated`
 * hears of its temp folder and process as soon as they exist (see `StartPrometheusOptions`).
 * @throws FaultlineError `ERR_PROMETHEUS_START` (from chaos/prometheus-server) when it does not come up.
 */
export async function startRunPrometheus(
  endpoints: RunScrapeEndpoints,
  binary: string,
  ruleFiles: readonly string[] = [],
  onCreated?: StartPrometheusOptions['onCreated'],
): Promise<RunPrometheus> {
  const targets = fleetScrapeTargets({
    services: Object.entries(endpoints.services).map(([name, url]) => ({ name, address: hostPort(url) })),
    proxy: hostPort(endpoints.proxyUrl),
  });
  const server = await startPrometheus({
    targets,
    intervalMs: RUN_SCRAPE_INTERVAL_MS,
    binary,
    ruleFiles,
    ...(onCreated === undefined ? {} : { onCreated }),
  });
  return {
    url: server.url,
    source: 'embedded',
    pid: server.pid,
    workDir: server.workDir,
    startedAtMs: Date.now(),
    ruleFiles,
    cpuSeconds: () => processCpuSeconds(server.pid),
    stop: () => server.stop(),
  };
}

/** The repository's recording and alerting rules: `<repo>/prometheus/rules/*.yml`, sorted. */
export async function repositoryRuleFiles(repoDir: string): Promise<string[]> {
  const dir = join(repoDir, 'prometheus', 'rules');
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => n.endsWith('.yml') || n.endsWith('.yaml'))
    .sort()
    .map((n) => join(dir, n));
}

/**
 * Uses a Prometheus the experiment names (attach mode) after checking that it answers `/-/ready`.
 * @throws FaultlineError `ERR_RUN_PROMETHEUS_UNREACHABLE`
 */
export async function attachPrometheus(url: string, timeoutMs = 5000): Promise<RunPrometheus> {
  const base = url.replace(/\/+$/, '');
  let status: string;
  try {
    const response = await fetch(`${base}/-/ready`, { signal: AbortSignal.timeout(timeoutMs) });
    if (response.ok)
      return {
        url: base,
        source: 'attach',
        ruleFiles: [],
        cpuSeconds: () => Promise.resolve(undefined),
        stop: () => Promise.resolve(),
      };
    status = `HTTP ${response.status}`;
  } catch (err) {
    status = err instanceof Error ? err.message : String(err);
  }
  throw new FaultlineError(
    'ERR_RUN_PROMETHEUS_UNREACHABLE',
    `the Prometheus named by environment.attach.prometheus (${base}) is not ready: ${status}`,
  );
}

/** `http://127.0.0.1:8080` → `127.0.0.1:8080`. */
function hostPort(url: string): string {
  return new URL(url).host;
}

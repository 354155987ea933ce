import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FaultlineError } from '../errors.js';
import type { ResolvedPlan } from '../experiment/plan.js';
import {
  processIdentity,
  type BrokerControl,
  type FaultStateStore,
  type PodControl,
  type ProcessControl,
  type ProcessIdentity,
} from '../faults/index.js';
import {
  allocatePortBlock,
  startFleet,
  type CreatedResources,
  type Fleet,
  type FleetService,
} from '../fleet/index.js';
import { dropFleetState } from '../fleet/fleet-harness.js';
import type { ReconcileOptions } from '../invariants/reconcile.js';
import { parseLinkMap, relocateLinks } from '../fleet/link-map.js';
import { startProxyServer, type ProxyServer } from '../proxy/index.js';
import { startCollector, type Collector } from '../telemetry/index.js';
import { EnvironmentRecordFile } from './environment-record.js';
import type { RunLoad } from './load-engine.js';
import { undoStack } from './undo-stack.js';
import {
  DEFAULT_PROMETHEUS_BINARY,
  ensurePrometheusBinary,
  startRunPrometheus,
  type RunPrometheus,
} from './run-prometheus.js';

/** Where reconcile reads the fleet's stores (see chaos/invariants `ReconcileOptions`). */
export interface ReconcileTarget {
  /** PostgreSQL server (its database path is ignored); default the local server. */
  postgresUrl?: string;
  dbPrefix: string;
  /** Explicit URL per database (kubernetes mode: one CloudNativePG cluster each); these ignore the two above. */
  databaseUrls?: ReconcileOptions['databaseUrls'];
  /** Default the local RabbitMQ. */
  amqpUrl?: string;
  amqpPrefix: string;
  /** Reads the dead-letter queues another way (kubernetes mode: `rabbitmqctl` by exec); default AMQP. */
  readDlqs?: ReconcileOptions['readDlqs'];
}

/**
 * What a run talks to. `stop()` stops what the run started (embedded: everything; attach: only
 * its own OTLP receiver), in reverse order.
 */
export interface RunEnvironment {
  mode: 'embedded' | 'attach' | 'kubernetes';
  proxyUrl: string;
  gatewayUrl: string;
  collector: Collector;
  /** The Prometheus that PromQL, recovery and evidence checks query. */
  prometheus: RunPrometheus;
  /** The fleet this run started (embedded mode only). */
  fleet?: Fleet;
  reconcile: ReconcileTarget;
  /** Process control of the fleet's services (embedded mode only). */
  processes?: ProcessControl;
  /** Links the proxy check looks at after the run; undefined = every link of the proxy. */
  ownedLinks?: readonly string[];
  /** Kubernetes mode: how faults reach the cluster, and where the run state lives (a lease ConfigMap). */
  kubernetes?: {
    pods: PodControl;
    broker: BrokerControl;
    createStore(runId: string, controller: ProcessIdentity): Promise<FaultStateStore>;
  };
  /** The load engine this environment brings (kubernetes mode, `engine: k6-operator`). */
  load?: RunLoad;
  /** Stops what was started, in reverse order; never throws, returns the problems. */
  stop(): Promise<string[]>;
}

/** Options of {@link startEmbeddedEnvironment}. */
export interface EmbeddedOptions {
  /** Repository root (holds `target-services/links.json` and `dist/`). */
  repoDir: string;
  /** The Prometheus server binary; default `/usr/bin/prometheus` (Debian's package). */
  prometheusBinary?: string;
  /** Rule files (absolute paths) for the run's Prometheus; default none. */
  ruleFiles?: readonly string[];
  onLog?: (line: string) => void;
  /**
   * Where to record what the environment starts (run-state folder), so that `faultline cleanup`
   * can remove it if this process dies without tearing down; with `runId`. Default: not recorded.
   */
  record?: { stateDir: string; runId: string };
}

/**
 * The API key the run's load sends (`X-Api-Key`): `FAULTLINE_API_KEY`, else the dev key that the
 * embedded gateway (and the compose stack's `.env`) is configured with.
 */
export function runApiKey(env: NodeJS.ProcessEnv = process.env): string {
  return env['FAULTLINE_API_KEY'] || 'faultline-dev-key';
}

/**
 * Starts the embedded environment: the fault proxy (populated with the relocated link map), the
 * OTLP collector, the fleet connecting through the proxy and exporting to the collector, then a
 * Prometheus scraping the fleet and the proxy. Every run gets its own ports, database prefix and AMQP prefix, so it cannot disturb anything else.
 * @throws FaultlineError `ERR_RUN_PROMETHEUS_MISSING` before anything starts, or `ERR_RUN_ENVIRONMENT`.
 */
export async function startEmbeddedEnvironment(
  plan: ResolvedPlan,
  options: EmbeddedOptions,
): Promise<RunEnvironment> {
  const binary = options.prometheusBinary ?? DEFAULT_PROMETHEUS_BINARY;
  await ensurePrometheusBinary(binary);
  const { undo, stop } = undoStack();
  try {
    const id = randomBytes(4).toString('hex');
    const dbPrefix = `flr_${id}_`;
    const amqpPrefix = `flr.${id}.`;
    let recordFile: EnvironmentRecordFile | undefined;
    if (options.record !== undefined) {
      const controller = processIdentity(process.pid);
      if (controller === undefined) throw new Error('cannot read this process in /proc');
      const file = await EnvironmentRecordFile.create(options.record.stateDir, {
        runId: options.record.runId,
        controller,
        dbPrefix,
        amqpPrefix,
      });
      recordFile = file;
      // Pushed first, so it runs last: the record goes only once everything else was torn down.
      undo.push({ name: 'environment record', fn: () => file.delete() });
    }
    // Every process and temp folder goes into the record the moment it exists, not once it is
    // ready: a controller killed mid-start-up must leave nothing that cleanup cannot find.
    const onCreated = (c: CreatedResources): Promise<void> | undefined =>
      recordFile?.add(c.processes ?? {}, c.tempDirs ?? []);
    const portBase = await allocatePortBlock(7);
    const adminPortBase = await allocatePortBlock(7);
    const listenBase = await allocatePortBlock(100);
    const linksFile = join(options.repoDir, 'target-services', 'links.json');
    const links = relocateLinks(
      parseLinkMap(JSON.parse(readFileSync(linksFile, 'utf8')), linksFile),
      portBase,
      listenBase,
    );
    const proxy: ProxyServer = await startProxyServer({ port: 0, populate: links, proxyMetrics: true });
    undo.push({ name: 'proxy', fn: () => proxy.close() });
    const collector = await startCollector({ port: 0 });
    undo.push({ name: 'collector', fn: () => collector.close() });
    undo.push({ name: 'fleet state', fn: () => dropFleetState(dbPrefix, amqpPrefix) });
    const fleet = await startFleet({
      distDir: join(options.repoDir, 'dist'),
      linksFile,
      portBase,
      adminPortBase,
      listenBase,
      dbPrefix,
      amqpPrefix,
      env: {
        LOG_LEVEL: 'warn',
        FAULTLINE_VIA_PROXY: '1',
        // The gateway checks API keys, as in production; the run's load sends this one.
        GATEWAY_API_KEYS: `faultline-run:${runApiKey()}`,
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        OTEL_BSP_SCHEDULE_DELAY: '500',
      },
      serviceEnv: serviceEnvOf(plan),
      onCreated,
      ...(options.onLog ? { onLog: options.onLog } : {}),
    });
    undo.push({ name: 'fleet', fn: () => fleet.stop() });
    const prometheus = await startRunPrometheus(
      { services: fleet.urls, proxyUrl: proxy.url },
      binary,
      options.ruleFiles ?? [],
      onCreated,
    );
    undo.push({ name: 'prometheus', fn: () => prometheus.stop() });
    return {
      mode: 'embedded',
      proxyUrl: proxy.url,
      gatewayUrl: fleet.urls.gateway,
      collector,
      prometheus,
      fleet,
      reconcile: { dbPrefix, amqpPrefix },
      processes: fleetProcesses(fleet),
      stop,
    };
  } catch (err) {
    await stop();
    throw new FaultlineError('ERR_RUN_ENVIRONMENT', 'cannot start the embedded environment', { cause: err });
  }
}

function serviceEnvOf(plan: ResolvedPlan): Partial<Record<FleetService, Record<string, string>>> {
  const config = plan.environment.serviceConfig ?? {};
  return Object.fromEntries(
    Object.entries(config).map(([service, vars]) => [
      service,
      Object.fromEntries(Object.entries(vars ?? {}).map(([k, v]) => [k, String(v)])),
    ]),
  );
}

function fleetProcesses(fleet: Fleet): ProcessControl {
  return {
    pidOf: (service) => fleet.pids[service],
    restart: async (service) => {
      await fleet.stopService(service);
      await fleet.restartService(service);
    },
  };
}

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FaultlineError } from '../errors.js';
import type { ResolvedPlan } from '../experiment/plan.js';
import type { ProcessControl } from '../faults/index.js';
import { allocatePortBlock, startFleet, type Fleet, type FleetService } from '../fleet/index.js';
import { dropFleetState } from '../fleet/fleet-harness.js';
import { parseLinkMap, relocateLinks } from '../fleet/link-map.js';
import { startProxyServer, type ProxyServer } from '../proxy/index.js';
import { startCollector, type Collector } from '../telemetry/index.js';

/** What a run talks to. Everything here was started by the run and is stopped by `stop()`. */
export interface RunEnvironment {
  proxyUrl: string;
  gatewayUrl: string;
  collector: Collector;
  fleet: Fleet;
  /** The fleet's database and AMQP name prefixes (for reconcile). */
  dbPrefix: string;
  amqpPrefix: string;
  processes: ProcessControl;
  /** Stops what was started, in reverse order; never throws, returns the problems. */
  stop(): Promise<string[]>;
}

/** Options of {@link startEmbeddedEnvironment}. */
export interface EmbeddedOptions {
  /** Repository root (holds `target-services/links.json` and `dist/`). */
  repoDir: string;
  onLog?: (line: string) => void;
}

/**
 * Starts the embedded environment: the fault proxy (populated with the relocated link map), the
 * OTLP collector, then the fleet connecting through the proxy and exporting to the collector.
 * Every run gets its own ports, database prefix and AMQP prefix, so it cannot disturb anything else.
 */
export async function startEmbeddedEnvironment(
  plan: ResolvedPlan,
  options: EmbeddedOptions,
): Promise<RunEnvironment> {
  const undo: { name: string; fn: () => Promise<unknown> }[] = [];
  const stop = async (): Promise<string[]> => {
    const problems: string[] = [];
    for (const step of undo.reverse())
      await step.fn().catch((err: unknown) => problems.push(`${step.name}: ${String(err)}`));
    return problems;
  };
  try {
    const id = randomBytes(4).toString('hex');
    const dbPrefix = `flr_${id}_`;
    const amqpPrefix = `flr.${id}.`;
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
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        OTEL_BSP_SCHEDULE_DELAY: '500',
      },
      serviceEnv: serviceEnvOf(plan),
      ...(options.onLog ? { onLog: options.onLog } : {}),
    });
    undo.push({ name: 'fleet', fn: () => fleet.stop() });
    return {
      proxyUrl: proxy.url,
      gatewayUrl: fleet.urls.gateway,
      collector,
      fleet,
      dbPrefix,
      amqpPrefix,
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

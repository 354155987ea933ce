import { Toxiproxy } from 'toxiproxy-node-client';
import { describeError, FaultlineError } from '../errors.js';
import type { ResolvedPlan } from '../experiment/plan.js';
import { startCollector } from '../telemetry/index.js';
import { otlpListenOf, reconcileTargetOf } from './attach-target.js';
import type { RunEnvironment } from './environment.js';
import { attachPrometheus } from './run-prometheus.js';
import { undoStack } from './undo-stack.js';

/** Fault kinds that need the fleet's processes, which an attached run does not own. */
const PROCESS_KINDS = new Set(['process-kill', 'process-pause', 'process-restart']);

/**
 * Attaches to a running fleet (`environment.mode: attach`): the given fault proxy (real Toxiproxy
 * or `faultline proxy`), gateway and Prometheus are checked and used, never started or stopped.
 * The run starts only its own OTLP receiver, on `attach.otlpReceiver` (the attached fleet must
 * export there) or a free port. Process faults are refused: the run does not own the processes.
 * @throws FaultlineError `ERR_RUN_ATTACH_PROCESS_FAULT`, `ERR_RUN_ATTACH_DATABASES`,
 *   `ERR_RUN_ATTACH_OTLP` (bad input) or `ERR_RUN_ENVIRONMENT` (something is not reachable).
 */
export async function startAttachedEnvironment(plan: ResolvedPlan): Promise<RunEnvironment> {
  const attach = plan.environment.attach;
  if (attach === undefined)
    throw new FaultlineError('ERR_RUN_ENVIRONMENT', 'attach mode needs environment.attach');
  const processFaults = plan.faults.filter((f) => PROCESS_KINDS.has(f.kind)).map((f) => f.name);
  if (processFaults.length > 0)
    throw new FaultlineError(
      'ERR_RUN_ATTACH_PROCESS_FAULT',
      `process faults need the fleet's processes, which attach mode does not own: ${processFaults.join(', ')}; use mode: embedded`,
    );
  const reconcile = reconcileTargetOf(attach);
  const listen = otlpListenOf(attach.otlpReceiver);
  const proxyUrl = attach.toxiproxy.replace(/\/+$/, '');
  const gatewayUrl = attach.gateway.replace(/\/+$/, '');
  const { undo, stop } = undoStack();
  try {
    await checkProxy(proxyUrl, plan.environment.allow.links);
    await checkGateway(gatewayUrl);
    const prometheus = await attachPrometheus(attach.prometheus);
    const collector = await startCollector(listen);
    undo.push({ name: 'collector', fn: () => collector.close() });
    return {
      mode: 'attach',
      proxyUrl,
      gatewayUrl,
      collector,
      prometheus,
      reconcile,
      ownedLinks: plan.environment.allow.links,
      stop,
    };
  } catch (err) {
    await stop();
    throw new FaultlineError('ERR_RUN_ENVIRONMENT', 'cannot attach to the environment', { cause: err });
  }
}

/** The proxy answers and holds every link the experiment may fault. */
async function checkProxy(url: string, links: readonly string[]): Promise<void> {
  let names: string[];
  try {
    names = Object.keys(await new Toxiproxy(url).getAll());
  } catch (err) {
    throw new FaultlineError(
      'ERR_RUN_ATTACH_PROXY',
      `the proxy named by environment.attach.toxiproxy (${url}) does not answer: ${describeError(err)}`,
    );
  }
  const missing = links.filter((l) => !names.includes(l));
  if (missing.length > 0)
    throw new FaultlineError(
      'ERR_RUN_ATTACH_PROXY',
      `the proxy at ${url} has no link named ${missing.join(', ')} (it has: ${names.join(', ') || 'none'})`,
    );
}

/** The gateway answers `/readyz` with 200. */
async function checkGateway(url: string): Promise<void> {
  let status: string;
  try {
    const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5000) });
    await response.body?.cancel();
    if (response.ok) return;
    status = `HTTP ${response.status}`;
  } catch (err) {
    status = describeError(err);
  }
  throw new FaultlineError(
    'ERR_RUN_ATTACH_GATEWAY',
    `the gateway named by environment.attach.gateway (${url}) is not ready: ${status}`,
  );
}

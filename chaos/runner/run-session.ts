import { describeError, FaultlineError } from '../errors.js';
import { FaultSession, processIdentity, type localBrokerControl } from '../faults/index.js';
import type { FaultWindow } from '../report/journal.js';
import type { RunEnvironment } from './environment.js';
import { findProxyLeftovers } from './proxy-leftovers.js';
import type { RunExperimentOptions } from './run-options.js';
import type { RunLoad } from './load-engine.js';
import { runTimeline, type TimelineResult } from './run-timeline.js';

/**
 * Runs the timeline inside a fault session, and always closes the session (removing whatever is
 * left), then asks the proxy whether any link the run may touch still has a toxic or is disabled.
 */
export async function runWithSession(
  o: RunExperimentOptions,
  env: RunEnvironment,
  runId: string,
  windows: FaultWindow[],
  broker: ReturnType<typeof localBrokerControl>,
  load: RunLoad,
  onTimelineStart?: (t0: number) => void,
): Promise<TimelineResult> {
  const controller = processIdentity(process.pid);
  if (controller === undefined)
    throw new FaultlineError('ERR_RUN_CONTROLLER', 'cannot read this process in /proc');
  const kube = env.kubernetes;
  const session = await FaultSession.start({
    runId,
    stateDir: o.stateDir,
    controller,
    allow: o.plan.environment.allow,
    deps: {
      proxyUrl: env.proxyUrl,
      proxyInController: env.mode === 'embedded',
      ...(env.processes ? { processes: env.processes } : {}),
      // Kubernetes mode: rabbitmqctl runs in the broker pod, kill and restart act on pods.
      ...(kube ? { pods: kube.pods } : {}),
      broker: kube?.broker ?? broker,
    },
    ...(kube ? { store: await kube.createStore(runId, controller) } : {}),
  });
  try {
    return await runTimeline({
      plan: o.plan,
      env,
      session,
      runId,
      windows,
      signal: o.signal,
      log: o.log,
      progress: o.progress,
      load,
      ...(onTimelineStart === undefined ? {} : { onTimelineStart }),
    });
  } finally {
    // Always, whatever happened (interrupt, guard abort, error): the timeline already removed
    // what it applied; this catches anything left, and keeps failures in the run-state file.
    for (const result of await session.close()) {
      const open = windows.find((w) => w.removedMs === undefined && w.errors.length === 0);
      if (result.error !== undefined) open?.errors.push(`remove failed: ${describeError(result.error)}`);
      o.log(`${result.error === undefined ? 'removed' : 'could not remove'} ${result.description}`);
    }
    await reportLeftovers(env.proxyUrl, env.ownedLinks, windows, o.log);
  }
}

/** Checks the proxy itself, so a removal that silently failed is visible in the journal. */
async function reportLeftovers(
  proxyUrl: string,
  ownedLinks: readonly string[] | undefined,
  windows: FaultWindow[],
  log: (line: string) => void,
): Promise<void> {
  try {
    // An attached proxy may be shared: only the links this run may touch are its business.
    const leftovers = (await findProxyLeftovers(proxyUrl)).filter(
      (l) => ownedLinks === undefined || ownedLinks.includes(l.link),
    );
    log(`proxy check: ${leftovers.length} link(s) left with toxics or disabled`);
    for (const l of leftovers) {
      const text = `left on the proxy after removal: ${l.toxics.length} toxic(s)${l.enabled ? '' : ', link disabled'}`;
      log(`  ${l.link}: ${text}`);
      windows.find((w) => w.target === l.link)?.errors.push(text);
    }
  } catch (err) {
    log(`proxy check failed: ${String(err)}`);
  }
}

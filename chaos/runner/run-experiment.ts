import { join } from 'node:path';
import { describeError, FaultlineError } from '../errors.js';
import type { ResolvedPlan } from '../experiment/plan.js';
import { cleanupDeadRuns, FaultSession, localBrokerControl, processIdentity } from '../faults/index.js';
import { JOURNAL_SCHEMA_VERSION, type FaultWindow, type Journal, type RunStatus } from '../report/journal.js';
import { runOutcome } from '../report/run-outcome.js';
import { writeOutputs } from '../report/write-outputs.js';
import type { CheckResult } from '../verdict.js';
import { startEmbeddedEnvironment, type RunEnvironment } from './environment.js';
import { evaluateRunChecks } from './evaluate-run.js';
import { findProxyLeftovers } from './proxy-leftovers.js';
import { runTimeline, type TimelineResult } from './run-timeline.js';

/** Options of {@link runExperiment}. */
export interface RunExperimentOptions {
  /** The experiment file as given (relative to cwd), for the journal. */
  file: string;
  plan: ResolvedPlan;
  /** Repository root: holds target-services/links.json and dist/. */
  repoDir: string;
  /** Parent of the run folder, e.g. `<cwd>/runs`. */
  runsDir: string;
  /** Folder of fault run-state files. */
  stateDir: string;
  signal: AbortSignal;
  /** One progress or status line (no trailing newline). */
  log: (line: string) => void;
  /** Live progress (overwritten in place on a TTY). */
  progress: (line: string) => void;
}

/** The outcome of one run: its journal and where its outputs are. */
export interface RunExperimentResult {
  journal: Journal;
  dir: string;
  files: Record<string, string>;
}

/**
 * Runs one experiment end to end: cleanup of dead runs, the embedded environment, the timeline
 * under load with faults and guards, removal of every fault, the checks, the outputs, teardown.
 * @throws FaultlineError `ERR_RUN_ATTACH_UNSUPPORTED` or `ERR_RUN_ENVIRONMENT` before anything ran.
 */
export async function runExperiment(o: RunExperimentOptions): Promise<RunExperimentResult> {
  const broker = localBrokerControl();
  const swept = await cleanupDeadRuns({ stateDir: o.stateDir, deps: { broker } });
  if (swept.entries.length > 0) o.log(`cleanup: undid ${swept.entries.length} fault(s) left by dead runs`);
  if (o.plan.environment.mode === 'attach')
    throw new FaultlineError(
      'ERR_RUN_ATTACH_UNSUPPORTED',
      'attach mode is not supported by the runner yet; use mode: embedded',
    );
  const startedAt = new Date();
  const runId = `${stamp(startedAt)}-${slug(o.plan.title)}`;
  const dir = join(o.runsDir, runId);
  o.log(`starting the embedded environment (proxy, OTLP receiver, fleet) for ${runId}`);
  const env = await startEmbeddedEnvironment(o.plan, { repoDir: o.repoDir });
  try {
    const windows: FaultWindow[] = [];
    const timeline = await runWithSession(o, env, runId, windows, broker);
    const status: RunStatus = o.signal.aborted ? 'interrupted' : timeline.aborted ? 'aborted' : 'completed';
    const checks: CheckResult[] = [...timeline.guardChecks];
    let invariantViolations: Journal['invariantViolations'] = [];
    if (status !== 'interrupted') {
      o.log('evaluating checks');
      const evaluated = await evaluateRunChecks(o.plan, env, timeline);
      checks.push(...evaluated.checks);
      invariantViolations = evaluated.violations;
    }
    const journal = buildJournal(o, runId, startedAt, status, timeline, windows, checks, invariantViolations);
    const files = await writeOutputs(journal, dir, true);
    await env.collector.store
      .exportParquet(join(dir, 'spans.parquet'))
      .then(() => (files['spans.parquet'] = join(dir, 'spans.parquet')))
      .catch((err: unknown) => o.log(`spans.parquet not written: ${String(err)}`));
    return { journal, dir, files };
  } finally {
    o.log('tearing down the environment');
    for (const problem of await env.stop()) o.log(`teardown: ${problem}`);
  }
}

async function runWithSession(
  o: RunExperimentOptions,
  env: RunEnvironment,
  runId: string,
  windows: FaultWindow[],
  broker: ReturnType<typeof localBrokerControl>,
): Promise<TimelineResult> {
  const controller = processIdentity(process.pid);
  if (controller === undefined)
    throw new FaultlineError('ERR_RUN_CONTROLLER', 'cannot read this process in /proc');
  const session = await FaultSession.start({
    runId,
    stateDir: o.stateDir,
    controller,
    allow: o.plan.environment.allow,
    deps: { proxyUrl: env.proxyUrl, processes: env.processes, broker },
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
    });
  } finally {
    // Always, whatever happened (interrupt, guard abort, error): the timeline already removed
    // what it applied; this catches anything left, and keeps failures in the run-state file.
    for (const result of await session.close()) {
      const open = windows.find((w) => w.removedMs === undefined && w.errors.length === 0);
      if (result.error !== undefined) open?.errors.push(`remove failed: ${describeError(result.error)}`);
      o.log(`${result.error === undefined ? 'removed' : 'could not remove'} ${result.description}`);
    }
    await reportLeftovers(env.proxyUrl, windows, o.log);
  }
}

/** Checks the proxy itself, so a removal that silently failed is visible in the journal. */
async function reportLeftovers(
  proxyUrl: string,
  windows: FaultWindow[],
  log: (line: string) => void,
): Promise<void> {
  try {
    const leftovers = await findProxyLeftovers(proxyUrl);
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

function buildJournal(
  o: RunExperimentOptions,
  runId: string,
  startedAt: Date,
  status: RunStatus,
  t: TimelineResult,
  faults: FaultWindow[],
  checks: CheckResult[],
  invariantViolations: Journal['invariantViolations'],
): Journal {
  const outcome = runOutcome(checks, status);
  return {
    schemaVersion: JOURNAL_SCHEMA_VERSION,
    runId,
    startedAt: startedAt.toISOString(),
    endedAt: new Date().toISOString(),
    experimentFile: o.file,
    experiment: o.plan,
    status,
    phases: t.phases,
    faults,
    guardEvents: t.guardEvents,
    load: { summary: t.summary, series: t.series },
    sli: [],
    checks,
    invariantViolations,
    traces: [],
    verdict: outcome.verdict,
    exit: outcome.exit,
  };
}

function stamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** A folder-safe slug of a title: lower-case words joined by `-`, at most 40 characters. */
export function slug(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'experiment'
  );
}

import { join } from 'node:path';
import { createPrometheusClient } from '../assertions/promql/prometheus-client.js';
import { cleanupDeadRuns, localBrokerControl } from '../faults/index.js';
import {
  JOURNAL_SCHEMA_VERSION,
  type FaultWindow,
  type Journal,
  type RunStatus,
  type SliSeries,
  type TraceWaterfall,
} from '../report/journal.js';
import { runOutcome } from '../report/run-outcome.js';
import { writeOutputs } from '../report/write-outputs.js';
import type { CheckResult } from '../verdict.js';
import { startAttachedEnvironment } from './attach-environment.js';
import { cleanupDeadEnvironments } from './environment-record.js';
import { startEmbeddedEnvironment, type RunEnvironment } from './environment.js';
import { startKubernetesEnvironment } from './kubernetes-environment.js';
import { evaluateRunChecks } from './evaluate-run.js';
import { selectRunLoad } from './load-engine.js';
import { loadChecks } from './load-engine-checks.js';
import { measureRunCriticalPath } from './run-critical-path.js';
import { collectSlis } from './run-slis.js';
import { repositoryRuleFiles } from './run-prometheus.js';
import { runWithSession } from './run-session.js';
import type { RunExperimentOptions } from './run-options.js';
import { finishRunTelemetry, runTraceEndpoints, startRunTrace } from './run-telemetry.js';
import type { TimelineResult } from './run-timeline.js';

/** The outcome of one run: its journal and where its outputs are. */
export interface RunExperimentResult {
  journal: Journal;
  dir: string;
  files: Record<string, string>;
}

/**
 * Runs one experiment end to end: cleanup of dead runs, the environment (embedded, or attached),
 * the timeline under load with faults and guards, removal of every fault, the checks, the run's
 * own telemetry (spans, waterfalls, Grafana annotations), the outputs, teardown.
 * @throws FaultlineError `ERR_RUN_PROMETHEUS_MISSING`, `ERR_RUN_K6_MISSING`, `ERR_RUN_ATTACH_*` or `ERR_RUN_ENVIRONMENT`
 *   before anything ran.
 */
export async function runExperiment(o: RunExperimentOptions): Promise<RunExperimentResult> {
  const broker = localBrokerControl();
  const swept = await cleanupDeadRuns({ stateDir: o.stateDir, deps: { broker } });
  if (swept.entries.length > 0) o.log(`cleanup: undid ${swept.entries.length} fault(s) left by dead runs`);
  for (const e of await cleanupDeadEnvironments({ stateDir: o.stateDir }))
    o.log(
      `cleanup: environment of dead run ${e.runId}: ${[...e.actions, ...e.problems].join('; ') || 'nothing left'}`,
    );
  const startedAt = new Date();
  const runId = `${stamp(startedAt)}-${slug(o.plan.title)}`;
  const dir = join(o.runsDir, runId);
  const selected = selectRunLoad(o.plan, o.repoDir);
  const env = await startEnvironment(o, runId);
  // k6-operator needs the cluster: the kubernetes environment brings it.
  const load = env.load ?? selected;
  if (load.engine !== 'builtin') o.log(`load engine: ${load.engine}`);
  const windows: FaultWindow[] = [];
  // The runner's spans leave as they end, so a killed controller leaves them at the endpoints.
  const trace = startRunTrace(runTraceEndpoints(env, o), {
    runId,
    title: o.plan.title,
    file: o.file,
    startedMs: startedAt.getTime(),
    phases: o.plan.phases,
    faults: windows,
  });
  try {
    const timeline = await runWithSession(o, env, runId, windows, broker, load, trace.timelineStarted);
    const status = runStatus(o.signal.aborted, timeline);
    const checks: CheckResult[] = [...timeline.guardChecks];
    let invariantViolations: Journal['invariantViolations'] = [];
    const checksStartMs = Date.now();
    const evaluate = status !== 'interrupted' && status !== 'error';
    if (evaluate) {
      o.log('evaluating checks');
      const evaluated = await evaluateRunChecks(o.plan, env, timeline, windows);
      const loadPhases = timeline.summary.faultline.phases.map((p) => p.phase);
      checks.push(...loadChecks(timeline.summary, timeline.k6ThresholdFailures, loadPhases));
      checks.push(...evaluated.checks);
      invariantViolations = evaluated.violations;
    }
    const criticalPath = evaluate
      ? await measureRunCriticalPath(env.collector.store, timeline, o.log)
      : undefined;
    const sli = !evaluate
      ? []
      : await collectSlis(
          o.plan,
          createPrometheusClient({ baseUrl: env.prometheus.url }),
          timeline.t0,
          Date.now() - timeline.t0,
          o.log,
        );
    const run = { o, runId, startedAt, status, timeline, windows, checks, invariantViolations, sli };
    const traces = await finishRunTelemetry(
      env,
      {
        runId,
        title: o.plan.title,
        file: o.file,
        status,
        verdict: runOutcome(checks, status).verdict,
        startedMs: startedAt.getTime(),
        t0: timeline.t0,
        ...(evaluate ? { checksStartMs } : {}),
        endMs: Date.now(),
        phases: timeline.phases,
        faults: windows,
        guardEvents: timeline.guardEvents,
      },
      o,
      o.log,
      invariantViolations.map((v) => v.subject).filter((id) => id !== '-'),
      trace,
    );
    const journal = buildJournal({ ...run, traces, criticalPath });
    const files = await writeOutputs(journal, dir, true);
    await env.collector.store
      .exportParquet(join(dir, 'spans.parquet'))
      .then(() => (files['spans.parquet'] = join(dir, 'spans.parquet')))
      .catch((err: unknown) => o.log(`spans.parquet not written: ${String(err)}`));
    return { journal, dir, files };
  } finally {
    // After a failure, flushes what was sent and shuts the provider down (a no-op once finished).
    trace.stop();
    await trace.live.finish([]);
    await logPrometheusCpu(env, o.log);
    o.log(
      env.mode === 'embedded'
        ? 'tearing down the environment'
        : "stopping the run's OTLP receiver and port-forwards",
    );
    for (const problem of await env.stop()) o.log(`teardown: ${problem}`);
  }
}

/** Interrupt wins; then a load failure (an environment error); then a guard abort. */
function runStatus(interrupted: boolean, timeline: TimelineResult): RunStatus {
  if (interrupted) return 'interrupted';
  if (timeline.loadError !== undefined) return 'error';
  return timeline.aborted ? 'aborted' : 'completed';
}

async function startEnvironment(o: RunExperimentOptions, runId: string): Promise<RunEnvironment> {
  if (o.plan.environment.mode === 'kubernetes') {
    const k = o.kubernetes ?? { inCluster: false };
    o.log(`attaching to namespace ${o.plan.environment.namespace ?? '?'} (kubernetes mode) for ${runId}`);
    const env = await startKubernetesEnvironment(o.plan, {
      inCluster: k.inCluster,
      log: o.log,
      ...(k.kubeconfig === undefined ? {} : { kubeconfig: k.kubeconfig }),
      ...(k.parallelism === undefined ? {} : { parallelism: k.parallelism }),
      ...(k.otlpListen === undefined ? {} : { otlpListen: k.otlpListen }),
      ...(k.client === undefined ? {} : { client: k.client }),
    });
    o.log(`attached: proxy ${env.proxyUrl}, gateway ${env.gatewayUrl}, prometheus ${env.prometheus.url}`);
    return env;
  }
  if (o.plan.environment.mode === 'attach') {
    o.log(`attaching to the environment of the experiment for ${runId}`);
    const env = await startAttachedEnvironment(o.plan);
    o.log(`attached: proxy ${env.proxyUrl}, gateway ${env.gatewayUrl}, prometheus ${env.prometheus.url}`);
    o.log(`otlp receiver ${env.collector.url} (the attached fleet must export its traces there)`);
    return env;
  }
  o.log(`starting the embedded environment (proxy, OTLP receiver, fleet, Prometheus) for ${runId}`);
  const ruleFiles = o.prometheusRules !== false ? await repositoryRuleFiles(o.repoDir) : [];
  const env = await startEmbeddedEnvironment(o.plan, {
    repoDir: o.repoDir,
    ruleFiles,
    record: { stateDir: o.stateDir, runId },
    ...(o.prometheusBinary === undefined ? {} : { prometheusBinary: o.prometheusBinary }),
  });
  const { prometheus } = env;
  o.log(
    `prometheus ${prometheus.url} (started, pid ${prometheus.pid}) with ${ruleFiles.length} rule file(s)`,
  );
  return env;
}

/** The CPU the run's own Prometheus used (its cost on a small machine); nothing in attach mode. */
async function logPrometheusCpu(env: RunEnvironment, log: (line: string) => void): Promise<void> {
  const cpu = await env.prometheus.cpuSeconds();
  const startMs = env.prometheus.startedAtMs;
  if (cpu === undefined || startMs === undefined) return;
  const wallS = Math.max(0.001, (Date.now() - startMs) / 1000);
  log(
    `prometheus cpu ${cpu.toFixed(2)} s in ${wallS.toFixed(1)} s ` +
      `(${((100 * cpu) / wallS).toFixed(1)}% of one core; ${env.prometheus.ruleFiles.length} rule file(s))`,
  );
}

interface JournalInputs {
  o: RunExperimentOptions;
  runId: string;
  startedAt: Date;
  status: RunStatus;
  timeline: TimelineResult;
  windows: FaultWindow[];
  checks: CheckResult[];
  invariantViolations: Journal['invariantViolations'];
  sli: SliSeries[];
  traces: TraceWaterfall[];
  criticalPath: Journal['criticalPath'];
}

function buildJournal(r: JournalInputs): Journal {
  const outcome = runOutcome(r.checks, r.status);
  return {
    schemaVersion: JOURNAL_SCHEMA_VERSION,
    runId: r.runId,
    startedAt: r.startedAt.toISOString(),
    endedAt: new Date().toISOString(),
    timelineStartedAt: new Date(r.timeline.t0).toISOString(),
    experimentFile: r.o.file,
    experiment: r.o.plan,
    status: r.status,
    phases: r.timeline.phases,
    faults: r.windows,
    guardEvents: r.timeline.guardEvents,
    load: { summary: r.timeline.summary, series: r.timeline.series },
    sli: r.sli,
    checks: r.checks,
    invariantViolations: r.invariantViolations,
    traces: r.traces,
    ...(r.criticalPath === undefined ? {} : { criticalPath: r.criticalPath }),
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

import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { describeError } from '../../errors.js';
import {
  expandExperimentPaths,
  loadExperimentFile,
  readKnownLinks,
} from '../../experiment/load-experiment-file.js';
import { planExperiment } from '../../experiment/plan.js';
import { readKnownMetrics } from '../../experiment/read-known-metrics.js';
import { DEFAULT_STATE_DIR } from '../../faults/index.js';
import { isInCluster } from '../../kubernetes/toxiproxy-address.js';
import { runExperiment } from '../../runner/run-experiment.js';
import type { RunTelemetryOptions } from '../../runner/run-telemetry.js';
import type { CliContext } from '../context.js';
import { kubernetesOverrideOf } from '../kubernetes-flags.js';
import { printProblems } from '../print-problems.js';
import { exitCode, type ExitName } from '../../exit-codes.js';

/** Worst first: the exit of several runs is the worst of theirs. */
const SEVERITY: readonly ExitName[] = [
  'interrupted',
  'environment',
  'invalid-input',
  'aborted',
  'fail',
  'inconclusive',
  'pass',
];
const worst = (a: ExitName, b: ExitName): ExitName => (SEVERITY.indexOf(a) <= SEVERITY.indexOf(b) ? a : b);

interface RunFlags {
  runsDir: string;
  stateDir: string;
  prometheusRules: boolean;
  k6Parallelism?: string;
  namespace?: string;
  context?: string;
}

/** The run's own telemetry targets, from the environment (read here, once). */
function telemetryOptions(ctx: CliContext, log: (line: string) => void): RunTelemetryOptions {
  const otlp = ctx.env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  const url = ctx.env['FAULTLINE_GRAFANA_URL'];
  const token = ctx.env['FAULTLINE_GRAFANA_TOKEN'];
  if ((url === undefined) !== (token === undefined))
    log(
      'warning: Grafana annotations need both FAULTLINE_GRAFANA_URL and FAULTLINE_GRAFANA_TOKEN; none are posted',
    );
  return {
    ...(otlp ? { otlpEndpoint: otlp } : {}),
    ...(url && token ? { grafana: { url, token } } : {}),
  };
}

/** The repository root, from this file's place in dist/chaos/cli/commands/. */
const REPO_DIR = fileURLToPath(new URL('../../../../', import.meta.url));

/** `faultline run <paths...>`: runs experiments end to end and writes one run folder each. */
export function registerRun(program: Command, ctx: CliContext, setExit: (code: number) => void): void {
  program
    .command('run')
    .description(
      'run experiments: environment, load, faults on schedule, checks, reports; exit code = verdict',
    )
    .argument('<paths...>', 'experiment files or directories of *.yaml files')
    .option('--runs-dir <dir>', 'where run folders are written', 'runs')
    .option('--state-dir <dir>', 'folder of fault run-state files', DEFAULT_STATE_DIR)
    .option(
      '--no-prometheus-rules',
      "do not load prometheus/rules/*.yml into the run's Prometheus (embedded mode; loaded by default)",
    )
    .option('--namespace <name>', "kubernetes mode in this namespace (overrides the file's environment.mode)")
    .option('--context <name>', 'with --namespace: the kubeconfig context')
    .option('--k6-parallelism <n>', 'kubernetes mode, load.engine k6-operator: k6 runner pods (default 1)')
    .addHelpText(
      'after',
      '\nEnvironment:\n' +
        '  KUBECONFIG                   kubernetes mode: the kubeconfig (default ~/.kube/config, or in-cluster)\n' +
        '  FAULTLINE_PROMETHEUS_BIN     the Prometheus server the run starts (default /usr/bin/prometheus)\n' +
        "  OTEL_EXPORTER_OTLP_ENDPOINT  also send the runner's own spans there (OTLP/HTTP base URL)\n" +
        '  FAULTLINE_GRAFANA_URL        with FAULTLINE_GRAFANA_TOKEN: annotate each fault window in Grafana\n' +
        '\nExit codes: `faultline exit-codes`; several runs exit with the worst code.\n',
    )
    .action(async (paths: string[], o: RunFlags) => {
      if (o.k6Parallelism !== undefined && !/^[1-9]\d{0,3}$/.test(o.k6Parallelism)) {
        ctx.stderr.write(`faultline: --k6-parallelism must be a whole number from 1 to 9999\n`);
        setExit(exitCode('invalid-input'));
        return;
      }
      const knownLinks = await readKnownLinks(ctx.cwd, ctx.env);
      const knownMetrics = await readKnownMetrics(ctx.cwd, ctx.env);
      let exit: ExitName = 'pass';
      for (const path of await expandExperimentPaths(paths, ctx.cwd)) {
        if (ctx.interrupted.aborted) break;
        exit = worst(exit, await runOne(ctx, path, knownLinks, knownMetrics, o));
      }
      setExit(exitCode(exit));
    });
}

async function runOne(
  ctx: CliContext,
  path: string,
  knownLinks: Awaited<ReturnType<typeof readKnownLinks>>,
  knownMetrics: readonly string[] | undefined,
  o: RunFlags,
): Promise<ExitName> {
  const { file, result } = await loadExperimentFile(
    path,
    ctx.cwd,
    knownLinks,
    knownMetrics,
    kubernetesOverrideOf(o),
  );
  printProblems(ctx, result.ok ? [] : result.problems, result.warnings);
  if (!result.ok) return 'invalid-input';
  const plan = planExperiment(result.experiment);
  const display = relative(ctx.cwd, resolve(ctx.cwd, file)) || file;
  const log = (line: string): void => {
    ctx.stdout.write(`${ctx.isTTY ? '\r\x1b[2K' : ''}[${display}] ${line}\n`);
  };
  let lastPlain = 0;
  const progress = (line: string): void => {
    if (ctx.isTTY) ctx.stdout.write(`\r\x1b[2K${line}`);
    else if (Date.now() - lastPlain >= 5000) {
      lastPlain = Date.now();
      ctx.stdout.write(`[${display}] ${line}\n`);
    }
  };
  try {
    const run = await runExperiment({
      file: display,
      plan,
      repoDir: REPO_DIR,
      runsDir: resolve(ctx.cwd, o.runsDir),
      stateDir: resolve(ctx.cwd, o.stateDir),
      ...(ctx.env['FAULTLINE_PROMETHEUS_BIN']
        ? { prometheusBinary: ctx.env['FAULTLINE_PROMETHEUS_BIN'] }
        : {}),
      prometheusRules: o.prometheusRules,
      kubernetes: {
        inCluster: isInCluster(ctx.env),
        ...(ctx.env['KUBECONFIG'] ? { kubeconfig: ctx.env['KUBECONFIG'] } : {}),
        ...(ctx.env['FAULTLINE_OTLP_LISTEN'] ? { otlpListen: ctx.env['FAULTLINE_OTLP_LISTEN'] } : {}),
        ...(o.k6Parallelism === undefined ? {} : { parallelism: Number(o.k6Parallelism) }),
      },
      ...telemetryOptions(ctx, log),
      signal: ctx.interrupted,
      log,
      progress,
    });
    const { journal } = run;
    log(`verdict ${journal.verdict} (${journal.status}), exit ${journal.exit} (${exitCode(journal.exit)})`);
    for (const c of journal.checks) log(`  ${c.verdict.padEnd(12)} ${c.title}: ${c.reason}`);
    log(`report ${run.files['report.html'] ?? run.dir}`);
    return journal.exit;
  } catch (err) {
    ctx.stderr.write(`faultline: ${describeError(err)}\n`);
    return ctx.interrupted.aborted ? 'interrupted' : 'environment';
  }
}

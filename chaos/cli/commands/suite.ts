import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { describeError, FaultlineError } from '../../errors.js';
import { exitCode, type ExitName } from '../../exit-codes.js';
import { DEFAULT_STATE_DIR } from '../../faults/index.js';
import { DEFAULT_HISTORY_PATH, HistoryStore } from '../../history/history-store.js';
import { renderOpenMetrics } from '../../history/openmetrics.js';
import { DEFAULT_FAIL_ON, parseFailOn, type FailOn } from '../../suite/fail-on.js';
import { finishSuite } from '../../suite/finish-suite.js';
import { loadCatalog } from '../../suite/load-catalog.js';
import { readSuiteOutput } from '../../suite/read-suite-json.js';
import { runSuite } from '../../suite/run-suite.js';
import { runTrial } from '../../suite/run-trial.js';
import { selectEntries } from '../../suite/select-entries.js';
import { entriesOfShard, parseShard } from '../../suite/shard.js';
import { suiteOrigin } from '../../suite/suite-origin.js';
import { planSuite, renderSuitePlan } from '../../suite/suite-plan.js';
import type { CliContext } from '../context.js';

/** The repository root, from this file's place in dist/chaos/cli/commands/. */
const REPO_DIR = fileURLToPath(new URL('../../../../', import.meta.url));

interface SelectFlags {
  tag: string[];
  excludeTag: string[];
  trials: string;
  shard?: string;
}
interface HistoryFlags {
  out?: string;
  history?: string;
  historyInit?: boolean;
  failOn: string;
}

const collect = (v: string, all: string[]): string[] => [...all, v];

function parseTrials(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < 1 || n > 100)
    throw new FaultlineError(
      'ERR_INPUT_SUITE_TRIALS',
      `--trials ${text}: expected a whole number from 1 to 100`,
    );
  return n;
}

/** Input problems exit 4; history and environment problems exit 5. */
function failure(ctx: CliContext, err: unknown): number {
  ctx.stderr.write(`faultline: ${describeError(err)}\n`);
  const input = err instanceof FaultlineError && err.code.startsWith('ERR_INPUT_');
  return exitCode(input ? 'invalid-input' : ctx.interrupted.aborted ? 'interrupted' : 'environment');
}

function selectionOptions(cmd: Command): Command {
  return cmd
    .option('--tag <tag>', 'select experiments with this tag (repeatable; any of them)', collect, [])
    .option('--exclude-tag <tag>', 'drop experiments with this tag (repeatable)', collect, [])
    .option('--trials <n>', 'run each experiment n times', '1')
    .option('--shard <i/n>', 'run only shard i of n (balanced by weight)');
}

function historyOptions(cmd: Command): Command {
  return cmd
    .option('--history <path>', `history file (default ${DEFAULT_HISTORY_PATH})`)
    .option('--history-init', 'create the history file if it does not exist')
    .option(
      '--fail-on <list>',
      'exit non-zero on any of fail,regression,flaky,inconclusive',
      DEFAULT_FAIL_ON.join(','),
    );
}

async function select(ctx: CliContext, paths: string[], f: SelectFlags) {
  const trials = parseTrials(f.trials);
  const shard = f.shard === undefined ? undefined : parseShard(f.shard);
  const catalog = await loadCatalog(paths, ctx.cwd, ctx.env);
  const selection = selectEntries(catalog.entries, { tags: f.tag, excludeTags: f.excludeTag });
  return { catalog, selection, trials, shard, plan: planSuite(selection, trials, shard?.count ?? 1) };
}

/** The history to use: named (must exist unless --history-init) or the default (created when missing). */
function historyOf(ctx: CliContext, f: HistoryFlags): { path: string; init: boolean } {
  if (f.history !== undefined) return { path: resolve(ctx.cwd, f.history), init: f.historyInit === true };
  return { path: resolve(ctx.cwd, DEFAULT_HISTORY_PATH), init: true };
}

async function report(
  ctx: CliContext,
  o: {
    outDir: string;
    shards: Parameters<typeof finishSuite>[0]['shards'];
    history: { path: string; init: boolean } | null;
    failOn: FailOn[];
  },
): Promise<number> {
  const log = (line: string): void => void ctx.stdout.write(`[suite] ${line}\n`);
  const { suite, files } = await finishSuite({ ...o, log });
  for (const c of suite.analysis?.checks.filter((x) => x.regressed || x.status !== 'stable') ?? [])
    log(
      `${c.status.padEnd(20)} ${c.experiment} ${c.check}${c.regressed ? ` regressed: margin ${c.tonight?.margin?.toFixed(3)} under ${c.band?.floor.toFixed(3)}` : ''}`,
    );
  log(
    `score ${suite.analysis?.score.toFixed(1)} / 100, exit ${suite.exit} (${exitCode(suite.exit ?? 'pass')})`,
  );
  log(`summary ${files['summary.md']}`);
  log(`trend ${files['trend.html']}`);
  return exitCode(suite.exit ?? 'pass');
}

/** `faultline suite`: runs a catalog with trials and shards, merges, judges against the history. */
export function registerSuite(program: Command, ctx: CliContext, setExit: (code: number) => void): void {
  const suite = program
    .command('suite')
    .description('run the experiment catalog as a nightly suite: tags, trials, shards, history, regressions');
  selectionOptions(
    historyOptions(
      suite
        .command('run', { isDefault: true })
        .description('run the selection (the default: `faultline suite [paths...]`)')
        .argument('[paths...]', 'experiment files or directories (default experiments/)')
        .option('--out <dir>', 'where suite-<timestamp>/ is written', 'runs')
        .option('--state-dir <dir>', 'folder of fault run-state files', DEFAULT_STATE_DIR),
    ),
  ).action(async (paths: string[], f: SelectFlags & HistoryFlags & { stateDir: string }) => {
    setExit(await runSuiteCommand(ctx, paths, f).catch((err: unknown) => failure(ctx, err)));
  });

  selectionOptions(
    suite
      .command('plan')
      .description('print the selection, each shard and its expected duration; touches nothing'),
  )
    .argument('[paths...]', 'experiment files or directories (default experiments/)')
    .action(async (paths: string[], f: SelectFlags) => {
      try {
        const s = await select(ctx, paths, f);
        ctx.stdout.write(renderSuitePlan(s.plan));
        setExit(0);
      } catch (err) {
        setExit(failure(ctx, err));
      }
    });

  historyOptions(
    suite
      .command('merge')
      .description('merge shard outputs into one suite, judge it and append it to the history'),
  )
    .argument('<dirs...>', 'shard output folders (each holding suite.json, or one suite-* folder)')
    .option('--out <dir>', 'where the merged outputs are written', '.')
    .action(async (dirs: string[], f: HistoryFlags) => {
      try {
        const failOn = parseFailOn(f.failOn);
        const shards = await Promise.all(dirs.map((d) => readSuiteOutput(resolve(ctx.cwd, d))));
        const outDir = resolve(ctx.cwd, f.out ?? '.');
        setExit(await report(ctx, { outDir, shards, history: historyOf(ctx, f), failOn }));
      } catch (err) {
        setExit(failure(ctx, err));
      }
    });

  suite
    .command('export')
    .description(
      'write the history as timestamped OpenMetrics (for promtool tsdb create-blocks-from openmetrics)',
    )
    .requiredOption('--history <path>', 'history file')
    .requiredOption('--openmetrics <file>', 'output file')
    .action(async (f: { history: string; openmetrics: string }) => {
      try {
        const store = await HistoryStore.open(resolve(ctx.cwd, f.history));
        const text = await Promise.all([store.readSuites(), store.readChecks()])
          .then(([suites, rows]) => renderOpenMetrics(suites, rows))
          .finally(() => store.close());
        await writeFile(resolve(ctx.cwd, f.openmetrics), text);
        ctx.stdout.write(`wrote ${f.openmetrics}\n`);
        setExit(0);
      } catch (err) {
        setExit(failure(ctx, err));
      }
    });
}

async function runSuiteCommand(
  ctx: CliContext,
  paths: string[],
  f: SelectFlags & HistoryFlags & { stateDir: string },
): Promise<number> {
  const failOn = parseFailOn(f.failOn);
  const s = await select(ctx, paths, f);
  if (s.shard && (f.history !== undefined || f.historyInit))
    throw new FaultlineError(
      'ERR_INPUT_SUITE_SHARD',
      'a shard does not write the history; pass --history to `faultline suite merge`',
    );
  const history = s.shard ? null : historyOf(ctx, f);
  if (history && !history.init) await HistoryStore.open(history.path).then((h) => h.close()); // fail before running
  const log = (line: string): void => void ctx.stdout.write(`[suite] ${line}\n`);
  const origin = await suiteOrigin(ctx.cwd, ctx.env, REPO_DIR);
  const entries = entriesOfShard(s.selection, s.shard);
  const out = await runSuite({
    selection: { key: s.plan.selectionKey, tags: f.tag, excludeTags: f.excludeTag, experiments: s.selection },
    entries,
    trials: s.trials,
    shard: s.shard ?? null,
    outDir: resolve(ctx.cwd, f.out ?? 'runs'),
    origin,
    now: () => new Date(),
    signal: ctx.interrupted,
    log,
    runTrial: (entry, _trial, runsDir) =>
      runTrial(entry, s.catalog.plans.get(entry.file)!, runsDir, {
        repoDir: REPO_DIR,
        stateDir: resolve(ctx.cwd, f.stateDir),
        ...(ctx.env['FAULTLINE_PROMETHEUS_BIN']
          ? { prometheusBinary: ctx.env['FAULTLINE_PROMETHEUS_BIN'] }
          : {}),
        signal: ctx.interrupted,
        log: (line) => log(`${entry.id}: ${line}`),
        progress: () => undefined,
      }),
  });
  ctx.stdout.write(`${out.dir}\n`);
  const exit: ExitName | undefined = s.shard
    ? out.suite.runs.some((r) => r.exit === 'interrupted')
      ? 'interrupted'
      : out.suite.runs.some((r) => r.status === 'error')
        ? 'environment'
        : undefined
    : undefined;
  if (s.shard) return exitCode(exit ?? 'pass');
  if (ctx.interrupted.aborted) log('interrupted: the history is left as it was');
  return report(ctx, {
    outDir: out.dir,
    shards: [out],
    history: ctx.interrupted.aborted ? null : history,
    failOn,
  });
}

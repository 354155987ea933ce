import { basename, extname, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  expandExperimentPaths,
  loadExperimentFile,
  readKnownLinks,
} from '../../experiment/load-experiment-file.js';
import { planExperiment, type PlanFault } from '../../experiment/plan.js';
import { lastRunOf, readRunHistory, type RunRecord } from '../../runner/run-history.js';
import type { CliContext } from '../context.js';
import { exitCode } from '../../exit-codes.js';

/** One experiment of the catalog, with its newest run when a history exists. */
export interface CatalogEntry {
  /** File name without extension. */
  id: string;
  file: string;
  ok: boolean;
  /** Number of validation problems (`faultline validate <file>` prints them). */
  problems: number;
  title?: string;
  pattern?: string;
  expect?: 'pass' | 'fail';
  faults: { name: string; kind: string; target: string; toxic?: string }[];
  lastRun: (RunRecord & { asExpected: boolean }) | null;
}

/** `faultline list [dir]`: the experiment catalog, one line each, with each one's last result. */
export function registerList(program: Command, ctx: CliContext, setExit: (code: number) => void): void {
  program
    .command('list')
    .description("list the experiment catalog: file, title, faults, expected verdict and each one's last run")
    .argument('[dir]', 'folder of *.yaml experiments (or one file)', 'experiments')
    .option('--runs-dir <dir>', 'where run folders (journals) are read from', 'runs')
    .option('--json', 'print { dir, runsDir, experiments: [...], unreadableJournals: [...] } as JSON')
    .action(async (dir: string, o: { runsDir: string; json?: boolean }) => {
      const knownLinks = await readKnownLinks(ctx.cwd, ctx.env);
      const history = await readRunHistory(resolve(ctx.cwd, o.runsDir));
      const runs = history.runs.map((r) => ({ ...r, dir: shortPath(ctx.cwd, r.dir) }));
      const entries: CatalogEntry[] = [];
      for (const path of await expandExperimentPaths([dir], ctx.cwd)) {
        const { file, result } = await loadExperimentFile(path, ctx.cwd, knownLinks);
        entries.push(
          result.ok
            ? catalogEntry(file, result.experiment, runs)
            : invalidEntry(file, result.problems.length),
        );
      }
      if (o.json) {
        const json = {
          dir,
          runsDir: o.runsDir,
          experiments: entries,
          unreadableJournals: history.unreadable,
        };
        ctx.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      } else {
        ctx.stdout.write(renderCatalog(entries, o.runsDir));
        for (const u of history.unreadable) ctx.stderr.write(`skipped journal ${u.problem}\n`);
      }
      setExit(entries.every((e) => e.ok) ? exitCode('pass') : exitCode('invalid-input'));
    });
}

function catalogEntry(
  file: string,
  experiment: Parameters<typeof planExperiment>[0],
  runs: readonly RunRecord[],
): CatalogEntry {
  const plan = planExperiment(experiment);
  const last = lastRunOf(runs, { file, title: plan.title });
  return {
    id: basename(file, extname(file)),
    file,
    ok: true,
    problems: 0,
    title: plan.title,
    ...(plan.pattern === undefined ? {} : { pattern: plan.pattern }),
    expect: plan.expect,
    faults: plan.faults.map(faultOf),
    lastRun:
      last === undefined
        ? null
        : { ...last, asExpected: last.status === 'completed' && last.verdict === plan.expect },
  };
}

/** Relative to cwd when inside it, else absolute. */
function shortPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}

function invalidEntry(file: string, problems: number): CatalogEntry {
  return { id: basename(file, extname(file)), file, ok: false, problems, faults: [], lastRun: null };
}

function faultOf(f: PlanFault): CatalogEntry['faults'][number] {
  return { name: f.name, kind: f.kind, target: f.target, ...(f.toxic ? { toxic: f.toxic.type } : {}) };
}

/** The catalog as aligned text: one line per experiment, then a count. Pure. */
export function renderCatalog(entries: readonly CatalogEntry[], runsDir: string): string {
  const header = ['FILE', 'TITLE', 'FAULTS', 'EXPECT', 'LAST RUN'];
  const rows = entries.map((e) =>
    e.ok ? [e.file, e.title ?? '', faultsText(e), e.expect ?? '', lastRunText(e)] : [e.file],
  );
  // Invalid entries have one cell plus a note; they do not widen the other columns.
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (r.length > 1 || i === 0 ? (r[i]?.length ?? 0) : 0))),
  );
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const render = (e: CatalogEntry, i: number): string =>
    e.ok
      ? line(rows[i] ?? [])
      : line([e.file, `(invalid: ${e.problems} problem(s); see faultline validate ${e.file})`]);
  const withRuns = entries.filter((e) => e.lastRun !== null).length;
  return [
    line(header),
    ...entries.map(render),
    '',
    `${entries.length} experiment(s), ${withRuns} with a run in ${runsDir}/`,
    '',
  ].join('\n');
}

function faultsText(e: CatalogEntry): string {
  return e.faults.map((f) => `${f.toxic ?? f.kind} ${f.target}`).join(', ');
}

function lastRunText(e: CatalogEntry): string {
  const r = e.lastRun;
  if (r === null) return 'never run';
  const when = r.startedAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, 'Z');
  const status = r.status === 'completed' ? '' : ` (${r.status})`;
  const expectation = r.status !== 'completed' ? '' : r.asExpected ? ', as expected' : ', NOT as expected';
  return `${r.verdict}${status} ${when}${expectation}  ${r.dir}`;
}

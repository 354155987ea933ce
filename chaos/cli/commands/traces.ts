import { resolve } from 'node:path';
import type { Command } from 'commander';
import { analyseCriticalPath, isPhase } from '../../assertions/critical-path/analyse-source.js';
import { DIFF_RANKINGS, type DiffRanking } from '../../assertions/critical-path/population-diff.js';
import { PATH_DIMENSIONS, type PathDimension } from '../../assertions/critical-path/population-summary.js';
import { renderDiffText, renderSummaryText } from '../../assertions/critical-path/render-text.js';
import { FaultlineError } from '../../errors.js';
import { exitCode } from '../../exit-codes.js';
import type { Phase } from '../../experiment/check-spec.js';
import type { CliContext } from '../context.js';

interface CriticalPathOptions {
  select?: string;
  phase?: string;
  compare?: string;
  by: string;
  rank: string;
  top: string;
  json?: boolean;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new FaultlineError(
    'ERR_INPUT_TRACES_OPTION',
    `${flag} must be one of ${allowed.join(', ')}, got "${value}"`,
  );
}

function phaseOf(flag: string, value: string): Phase {
  if (isPhase(value)) return value;
  throw new FaultlineError(
    'ERR_INPUT_TRACES_OPTION',
    `${flag} must be a phase (warmup, baseline, inject, recover), got "${value}"`,
  );
}

/**
 * `faultline traces critical-path <run-dir | spans file>`: where the time of a population of
 * traces went, as a table (or JSON), optionally compared with a phase or another run. Exits
 * `inconclusive` when a population is empty.
 */
export function registerTraces(program: Command, ctx: CliContext, setExit: (code: number) => void): void {
  const traces = program.command('traces').description('analyse the traces of a run');
  traces
    .command('critical-path')
    .description('aggregate the critical paths of a population of traces, and diff two populations')
    .argument(
      '<source>',
      'a run folder (its spans.parquet), a Parquet export or a DuckDB file from `faultline collect`',
    )
    .option('--select <selector>', 'keep traces holding a span this selector matches, e.g. span[service=psp]')
    .option('--phase <phase>', "keep traces that started in this phase (from the run's own phase spans)")
    .option(
      '--compare <phase|source>',
      'diff against this phase of the same source, or against another run (same --phase)',
    )
    .option('--by <dimension>', `break the time down by ${PATH_DIMENSIONS.join(' | ')}`, 'service-kind')
    .option('--rank <ranking>', 'rank the diff by growth in share or in mean ms (share | ms)', 'share')
    .option('--top <n>', 'distinct paths listed', '5')
    .option('--json', 'print the analysis as JSON')
    .action(async (source: string, o: CriticalPathOptions) => {
      const dimension = oneOf<PathDimension>('--by', o.by, PATH_DIMENSIONS);
      const rankBy = oneOf<DiffRanking>('--rank', o.rank, DIFF_RANKINGS);
      const topK = Number(o.top);
      if (!Number.isInteger(topK) || topK < 0 || topK > 1000)
        throw new FaultlineError(
          'ERR_INPUT_TRACES_OPTION',
          `--top must be an integer from 0 to 1000, got "${o.top}"`,
        );
      const compare =
        o.compare === undefined
          ? undefined
          : isPhase(o.compare)
            ? { phase: o.compare }
            : { source: resolve(ctx.cwd, o.compare) };
      const a = await analyseCriticalPath({
        source: resolve(ctx.cwd, source),
        ...(o.select === undefined ? {} : { select: o.select }),
        ...(o.phase === undefined ? {} : { phase: phaseOf('--phase', o.phase) }),
        ...(compare === undefined ? {} : { compare }),
        dimension,
        rankBy,
        topK,
      });
      if (o.json)
        ctx.stdout.write(`${JSON.stringify({ source: resolve(ctx.cwd, source), ...a }, null, 2)}\n`);
      else {
        ctx.stdout.write(`source: ${resolve(ctx.cwd, source)}\n`);
        ctx.stdout.write(renderSummaryText(a.population.summary, { label: a.population.label, dimension }));
        if (a.diff && a.reference)
          ctx.stdout.write(`\n${renderDiffText(a.diff, a.reference.label, a.population.label)}`);
      }
      const empty =
        a.population.summary.traces === 0 || (a.reference !== undefined && a.reference.summary.traces === 0);
      setExit(exitCode(empty ? 'inconclusive' : 'pass'));
    });
}

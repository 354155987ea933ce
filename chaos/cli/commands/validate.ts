import type { Command } from 'commander';
import {
  expandExperimentPaths,
  loadExperimentFile,
  readKnownLinks,
} from '../../experiment/load-experiment-file.js';
import { readKnownMetrics } from '../../experiment/read-known-metrics.js';
import type { Problem } from '../../experiment/problem.js';
import { printProblems } from '../print-problems.js';
import type { CliContext } from '../context.js';
import { kubernetesOverrideOf } from '../kubernetes-flags.js';
import { exitCode } from '../../exit-codes.js';

/**
 * `faultline validate <file|dir...>`: every problem of every file, one line each on stderr, or
 * one JSON document on stdout with `--json` (for editors and CI annotations). Warnings (a metric
 * outside the fleet's telemetry contract) are printed too, marked `warning:`, and do not change
 * the exit code.
 */
export function registerValidate(program: Command, ctx: CliContext, setExit: (code: number) => void): void {
  program
    .command('validate')
    .description('check experiment files and print every problem as file:line:column  path  message')
    .argument('<paths...>', 'experiment files or directories of *.yaml files')
    .option('--namespace <name>', "kubernetes mode in this namespace (overrides the file's environment.mode)")
    .option('--context <name>', 'with --namespace: the kubeconfig context')
    .option('--json', 'print { files: [{ file, ok, problems, warnings }] } as JSON on stdout')
    .action(async (paths: string[], options: { json?: boolean; namespace?: string; context?: string }) => {
      const knownLinks = await readKnownLinks(ctx.cwd, ctx.env);
      const knownMetrics = await readKnownMetrics(ctx.cwd, ctx.env);
      const files: { file: string; ok: boolean; problems: Problem[]; warnings: Problem[] }[] = [];
      for (const path of await expandExperimentPaths(paths, ctx.cwd)) {
        const { file, result } = await loadExperimentFile(
          path,
          ctx.cwd,
          knownLinks,
          knownMetrics,
          kubernetesOverrideOf(options),
        );
        const problems = result.ok ? [] : result.problems;
        files.push({ file, ok: result.ok, problems, warnings: result.warnings });
        if (options.json) continue;
        if (result.ok) ctx.stdout.write(`ok  ${file}\n`);
        printProblems(ctx, problems, result.warnings);
        if (!result.ok) ctx.stderr.write(`${file}: ${problems.length} problem(s)\n`);
      }
      if (options.json) ctx.stdout.write(`${JSON.stringify({ files }, null, 2)}\n`);
      setExit(files.every((f) => f.ok) ? exitCode('pass') : exitCode('invalid-input'));
    });
}

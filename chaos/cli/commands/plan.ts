import type { Command } from 'commander';
import {
  expandExperimentPaths,
  loadExperimentFile,
  readKnownLinks,
} from '../../experiment/load-experiment-file.js';
import { planExperiment } from '../../experiment/plan.js';
import { readKnownMetrics } from '../../experiment/read-known-metrics.js';
import { printProblems } from '../print-problems.js';
import { renderPlan } from '../../experiment/render-plan.js';
import type { CliContext } from '../context.js';
import { kubernetesOverrideOf } from '../kubernetes-flags.js';
import { exitCode } from '../../exit-codes.js';

/** `faultline plan <file...>`: a dry run that prints the resolved plan and touches nothing. */
export function registerPlan(program: Command, ctx: CliContext, setExit: (code: number) => void): void {
  program
    .command('plan')
    .description('dry run: print the resolved timeline, links, toxics, load and checks; touches nothing')
    .argument('<paths...>', 'experiment files or directories of *.yaml files')
    .option('--namespace <name>', "kubernetes mode in this namespace (overrides the file's environment.mode)")
    .option('--context <name>', 'with --namespace: the kubeconfig context')
    .option('--json', 'print the resolved plan as JSON')
    .action(async (paths: string[], options: { json?: boolean; namespace?: string; context?: string }) => {
      const knownLinks = await readKnownLinks(ctx.cwd, ctx.env);
      const knownMetrics = await readKnownMetrics(ctx.cwd, ctx.env);
      let bad = 0;
      for (const path of await expandExperimentPaths(paths, ctx.cwd)) {
        const { file, result } = await loadExperimentFile(
          path,
          ctx.cwd,
          knownLinks,
          knownMetrics,
          kubernetesOverrideOf(options),
        );
        printProblems(ctx, result.ok ? [] : result.problems, result.warnings);
        if (!result.ok) {
          bad++;
          continue;
        }
        const plan = planExperiment(result.experiment);
        ctx.stdout.write(
          options.json ? `${JSON.stringify({ file, plan }, null, 2)}\n` : `# ${file}\n${renderPlan(plan)}\n`,
        );
      }
      setExit(bad === 0 ? exitCode('pass') : exitCode('invalid-input'));
    });
}

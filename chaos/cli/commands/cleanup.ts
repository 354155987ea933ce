import { resolve } from 'node:path';
import type { Command } from 'commander';
import { cleanupDeadRuns, localBrokerControl, type CleanupEntry } from '../../faults/index.js';
import { DEFAULT_STATE_DIR } from '../../faults/run-state.js';
import { cleanupKubernetesNamespace } from './cleanup-namespace.js';
import { cleanupDeadEnvironments, type EnvironmentCleanupEntry } from '../../runner/environment-record.js';
import type { CliContext } from '../context.js';
import { exitCode } from '../../exit-codes.js';

function renderEntry(e: CleanupEntry): string {
  const detail = e.detail === undefined ? '' : `: ${e.detail}`;
  return `${e.status.padEnd(12)} ${e.runId}  ${e.description}${detail}\n`;
}

function renderEnvironment(e: EnvironmentCleanupEntry): string {
  const status = e.problems.length > 0 ? 'failed' : 'environment';
  const what = [...e.actions, ...e.problems].join('; ') || 'nothing was left running';
  return `${status.padEnd(12)} ${e.runId}  ${what}\n`;
}

/**
 * `faultline cleanup`: undoes the faults that dead runs (controller no longer alive) left in
 * their run-state files, then stops what their embedded environments left running (fleet
 * processes, Prometheus) and drops their databases and queues. Keeps going past failures; exits
 * "environment" if any undo failed.
 */
export function registerCleanup(program: Command, ctx: CliContext, setExit: (code: number) => void): void {
  program
    .command('cleanup')
    .description(
      'remove the faults, processes, databases and queues left by runs whose controller died (kill -9, crash)',
    )
    .option('--state-dir <dir>', 'folder of run-state files', DEFAULT_STATE_DIR)
    .option(
      '--namespace <name>',
      'kubernetes mode: undo what dead runs recorded in their lease ConfigMaps in this namespace (kubeconfig: KUBECONFIG or ~/.kube/config)',
    )
    .option('--context <name>', 'with --namespace: the kubeconfig context (default the current one)')
    .action(async (opts: { stateDir: string; namespace?: string; context?: string }) => {
      if (opts.namespace !== undefined) {
        setExit(await cleanupKubernetesNamespace(ctx, opts.namespace, opts.context, renderEntry));
        return;
      }
      const stateDir = resolve(ctx.cwd, opts.stateDir);
      const report = await cleanupDeadRuns({
        stateDir,
        deps: { broker: localBrokerControl() },
        onEntry: (e) => ctx.stdout.write(renderEntry(e)),
      });
      const environments = await cleanupDeadEnvironments({
        stateDir,
        onEntry: (e) => ctx.stdout.write(renderEnvironment(e)),
      });
      const envFailures = environments.filter((e) => e.problems.length > 0).length;
      for (const runId of report.liveRuns)
        ctx.stdout.write(`skipped      ${runId}  its controller is still running\n`);
      const undone = report.entries.length - report.failures;
      ctx.stdout.write(
        `cleanup: ${undone} undone, ${report.failures} failed, ${report.runsCleaned.length} run(s) cleaned, ` +
          `${environments.length - envFailures} environment(s) removed, ${envFailures} failed, ` +
          `${report.liveRuns.length} live run(s) skipped (${stateDir})\n`,
      );
      if (report.failures + envFailures > 0) {
        ctx.stderr.write(
          'some leftovers could not be removed; they stay in their run-state files for the next cleanup\n',
        );
      }
      setExit(exitCode(report.failures + envFailures > 0 ? 'environment' : 'pass'));
    });
}

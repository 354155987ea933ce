import { describeError } from '../../errors.js';
import type { CleanupEntry } from '../../faults/index.js';
import { cleanupNamespace } from '../../kubernetes/cleanup-namespace.js';
import { execBrokerControl } from '../../kubernetes/exec-broker-control.js';
import { KubeClient } from '../../kubernetes/kube-client.js';
import { kubePodControl } from '../../kubernetes/kube-pod-control.js';
import { isInCluster, reachToxiproxy } from '../../kubernetes/toxiproxy-address.js';
import { exitCode } from '../../exit-codes.js';
import type { CliContext } from '../context.js';

/**
 * `faultline cleanup --namespace N`: undoes what dead kubernetes-mode runs recorded in their lease
 * ConfigMaps in N (chaos/kubernetes/cleanup-namespace.ts). Returns the exit code: "environment"
 * (5) when the API cannot be used or an undo failed.
 */
export async function cleanupKubernetesNamespace(
  ctx: CliContext,
  namespace: string,
  context: string | undefined,
  render: (e: CleanupEntry) => string,
): Promise<number> {
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(namespace)) {
    ctx.stderr.write(`faultline: --namespace ${namespace} is not a namespace name (a DNS-1123 label)\n`);
    return exitCode('invalid-input');
  }
  let forward: Awaited<ReturnType<typeof reachToxiproxy>> | undefined;
  try {
    const client = KubeClient.fromKubeconfig(namespace, context, ctx.env['KUBECONFIG']);
    try {
      forward = await reachToxiproxy(client, isInCluster(ctx.env));
    } catch (err) {
      ctx.stderr.write(
        `warning: cannot reach the in-cluster Toxiproxy, link faults stay: ${describeError(err)}\n`,
      );
    }
    const report = await cleanupNamespace({
      client,
      deps: {
        pods: kubePodControl(client),
        broker: execBrokerControl(client),
        ...(forward === undefined ? {} : { proxyUrl: forward.url }),
      },
      onEntry: (e) => ctx.stdout.write(render(e)),
    });
    for (const runId of report.liveRuns)
      ctx.stdout.write(`skipped      ${runId}  its lease is still renewed by a live controller\n`);
    const undone = report.entries.length - report.failures;
    ctx.stdout.write(
      `cleanup: ${undone} undone, ${report.failures} failed, ${report.runsCleaned.length} run(s) cleaned, ` +
        `${report.liveRuns.length} live run(s) skipped (namespace ${namespace})\n`,
    );
    if (report.failures > 0)
      ctx.stderr.write(
        'some leftovers could not be removed; they stay in their lease ConfigMaps for the next cleanup\n',
      );
    return exitCode(report.failures > 0 ? 'environment' : 'pass');
  } catch (err) {
    ctx.stderr.write(`faultline: ${describeError(err)}\n`);
    return exitCode('environment');
  } finally {
    await forward?.close();
  }
}

import { Writable } from 'node:stream';
import { Exec, type V1Status } from '@kubernetes/client-node';
import { describeError, FaultlineError } from '../errors.js';
import type { BrokerControl } from '../faults/index.js';
import { BROKER } from './contract.js';
import type { KubeClient } from './kube-client.js';
import { assertInNamespace } from './namespace-guard.js';

/** The first broker pod the RabbitMQ Cluster Operator creates: `<cluster>-server-0`. */
export const BROKER_POD = `${BROKER.name}-server-0`;

interface ExecSocket {
  close(): void;
  on(event: 'close', listener: () => void): void;
}

/** Longest a `rabbitmqctl` call may take: 60 s (it starts an Erlang VM in the pod). */
const EXEC_TIMEOUT_MS = 60_000;

/**
 * A {@link BrokerControl} that runs `rabbitmqctl` in the broker pod (`kubectl exec`, over the API
 * server's exec WebSocket; needs `pods/exec` create). Stays in the client's namespace.
 */
export function execBrokerControl(client: KubeClient, pod = BROKER_POD): BrokerControl {
  return {
    async rabbitmqctl(args) {
      const command = ['rabbitmqctl', ...args];
      const what = `rabbitmqctl ${args.join(' ')} in pod ${pod}`;
      assertInNamespace(client.namespace, 'POST', `/api/v1/namespaces/${client.namespace}/pods/${pod}/exec`);
      let stdout = '';
      let stderr = '';
      const sink = (append: (s: string) => void): Writable =>
        new Writable({
          write(chunk: Buffer, _enc, done) {
            append(chunk.toString('utf8'));
            done();
          },
        });
      let status: V1Status | undefined;
      try {
        // The socket's type comes from `ws`, whose types are not installed: only these two members are used.
        const ws = (await new Exec(client.kubeConfig).exec(
          client.namespace,
          pod,
          BROKER.container,
          command,
          sink((s) => (stdout += s)),
          sink((s) => (stderr += s)),
          null,
          false,
          (s) => (status = s),
        )) as unknown as ExecSocket;
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => {
            ws.close();
            reject(new Error(`no answer within ${EXEC_TIMEOUT_MS} ms`));
          }, EXEC_TIMEOUT_MS);
          ws.on('close', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      } catch (err) {
        throw execError(what, client.namespace, err);
      }
      if (status?.status !== 'Success') {
        const detail = stderr.trim().split('\n').slice(-3).join(' ') || status?.message || 'no exit status';
        throw new FaultlineError('ERR_FAULT_BROKER_COMMAND', `${what} failed: ${detail}`);
      }
      return stdout;
    },
  };
}

/** The exec WebSocket refused at the handshake: 403 (RBAC), 404 (no such pod), or unreachable. */
function execError(what: string, namespace: string, thrown: unknown): FaultlineError {
  // The WebSocket library rejects with an ErrorEvent (not an Error) whose message names the status.
  const event = thrown as { message?: unknown } | undefined;
  const text =
    thrown instanceof Error
      ? describeError(thrown)
      : typeof event?.message === 'string'
        ? event.message
        : describeError(thrown);
  const err = thrown instanceof Error ? thrown : new Error(text);
  if (/\b403\b/.test(text))
    return new FaultlineError(
      'ERR_K8S_FORBIDDEN',
      `the Kubernetes API forbids ${what} (403); the controller's Role in namespace ${namespace} must grant pods/exec create (CONTROLLER_RULES)`,
      { cause: err },
    );
  if (/\b404\b/.test(text))
    return new FaultlineError(
      'ERR_K8S_NOT_FOUND',
      `${what}: the pod does not exist in namespace ${namespace} (404)`,
      {
        cause: err,
      },
    );
  return new FaultlineError('ERR_FAULT_BROKER_COMMAND', `${what} failed: ${text}`, { cause: err });
}

import { createServer, type Server, type Socket } from 'node:net';
import { PortForward } from '@kubernetes/client-node';
import { FaultlineError } from '../errors.js';
import { LABELS, PART_OF } from './contract.js';
import type { KubeClient } from './kube-client.js';
import { assertInNamespace } from './namespace-guard.js';

/** A local address that reaches a port in the cluster; `close()` stops forwarding. */
export interface ForwardedPort {
  url: string;
  close(): Promise<void>;
}

interface PodList {
  items?: { metadata?: { name?: string }; status?: { phase?: string } }[];
}

/**
 * The first running pod labelled `app.kubernetes.io/name=<name>`, part of faultline.
 * @throws FaultlineError `ERR_K8S_NO_POD` when there is none
 */
export async function runningPodOf(
  client: KubeClient,
  name: string,
  partOf: string | undefined = PART_OF,
): Promise<string> {
  const selector = encodeURIComponent(
    `${LABELS.name}=${name}${partOf === undefined ? '' : `,${LABELS.partOf}=${partOf}`}`,
  );
  const list = await client.request<PodList>(
    'GET',
    `/api/v1/namespaces/${client.namespace}/pods?labelSelector=${selector}`,
  );
  const pod = (list.items ?? []).find((p) => p.status?.phase === 'Running')?.metadata?.name;
  if (pod === undefined)
    throw new FaultlineError(
      'ERR_K8S_NO_POD',
      `no running pod ${LABELS.name}=${name} in namespace ${client.namespace}`,
    );
  return pod;
}

/**
 * `kubectl port-forward` in process: a loopback listener whose connections are tunnelled to
 * `port` of the pod, over the API server (needs `pods/portforward` create). Used from outside the
 * cluster; the in-cluster controller uses Service addresses instead.
 */
export async function forwardPort(client: KubeClient, pod: string, port: number): Promise<ForwardedPort> {
  assertInNamespace(
    client.namespace,
    'POST',
    `/api/v1/namespaces/${client.namespace}/pods/${pod}/portforward`,
  );
  const forward = new PortForward(client.kubeConfig);
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    forward
      .portForward(client.namespace, pod, [port], socket, null, socket)
      .then((ws) => {
        // The tunnel ends with the local connection (ws's type is not installed: close() only).
        const tunnel = ws as unknown as { close(): void };
        if (socket.destroyed) tunnel.close();
        else socket.on('close', () => tunnel.close());
      })
      .catch(() => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const localPort = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${localPort}`,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The in-cluster address of a Service of the namespace. */
export function serviceUrl(name: string, namespace: string, port: number): string {
  return `http://${name}.${namespace}.svc:${port}`;
}

/**
 * Answers of the Kubernetes API server, in the shapes it writes (Status objects for errors, lists
 * with `items`), for the fake API server. Written after the API reference and kubectl's output;
 * no cluster was available to capture them from. Test support.
 */

/** A `PodList` of running pods. */
export function podList(names: readonly string[], namespace = 'faultline'): Record<string, unknown> {
  return {
    kind: 'PodList',
    apiVersion: 'v1',
    metadata: { resourceVersion: '4711' },
    items: names.map((name) => ({
      metadata: { name, namespace, uid: `uid-${name}`, labels: { 'app.kubernetes.io/part-of': 'faultline' } },
      status: { phase: 'Running' },
    })),
  };
}

/** The API server's 403 for a ServiceAccount without the verb. */
export function forbidden(
  verb: string,
  resource: string,
  namespace: string,
  group = '',
): Record<string, unknown> {
  const of = group === '' ? `"${resource}"` : `"${resource}" in API group "${group}"`;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `${resource} is forbidden: User "system:serviceaccount:${namespace}:faultline-controller" cannot ${verb} resource ${of} in the namespace "${namespace}"`,
    reason: 'Forbidden',
    details: { kind: resource },
    code: 403,
  };
}

/** The API server's 404 for a named object. */
export function notFound(resource: string, name: string): Record<string, unknown> {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `${resource} "${name}" not found`,
    reason: 'NotFound',
    details: { name, kind: resource },
    code: 404,
  };
}

/** The answer to a successful delete of a pod (the pod, with a deletion timestamp). */
export function deletedPod(name: string, namespace = 'faultline'): Record<string, unknown> {
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name, namespace, deletionTimestamp: '2026-12-03T06:00:00Z', deletionGracePeriodSeconds: 0 },
  };
}

/** A Namespace object. */
export function namespaceObject(name: string): Record<string, unknown> {
  return { kind: 'Namespace', apiVersion: 'v1', metadata: { name }, status: { phase: 'Active' } };
}

/** An empty list of a kind. */
export function emptyList(kind: string, apiVersion = 'v1'): Record<string, unknown> {
  return { kind, apiVersion, metadata: { resourceVersion: '4711' }, items: [] };
}

/** `rabbitmqctl eval` of the watermark, as the broker prints it. */
export const WATERMARK_PRINTED = '0.4\n';

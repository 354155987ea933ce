import { FaultlineError } from '../errors.js';

/**
 * The one check every request of the Kubernetes client goes through (pure): the path must name
 * the run's namespace, as `/api/v1/namespaces/<ns>` (the namespace itself, read only),
 * `/api/v1/namespaces/<ns>/...` or `/apis/<group>/<version>/namespaces/<ns>/...`. Cluster-scoped
 * paths, other namespaces and anything that could climb out (`..`, `%2F`, `//`) are refused.
 * @throws FaultlineError `ERR_K8S_OUTSIDE_NAMESPACE`
 */
export function assertInNamespace(namespace: string, method: string, path: string): void {
  const pathname = path.split('?')[0] ?? '';
  const inside = (): boolean => {
    if (/(^|\/)\.\.?(\/|$)|%|\/\/|\\/.test(pathname)) return false;
    if (pathname === `/api/v1/namespaces/${namespace}`) return method === 'GET';
    const core = `/api/v1/namespaces/${namespace}/`;
    if (pathname.startsWith(core) && pathname.length > core.length) return true;
    const named = /^\/apis\/[a-z0-9.-]+\/[a-z0-9]+\/namespaces\/([^/]+)\/./.exec(pathname);
    return named?.[1] === namespace;
  };
  if (!inside())
    throw new FaultlineError(
      'ERR_K8S_OUTSIDE_NAMESPACE',
      `refused ${method} ${pathname}: a run touches only namespace ${namespace}`,
    );
}

import type { ResolvedPlan } from '../experiment/plan.js';
import { FaultlineError } from '../errors.js';
import type { FleetService } from '../faults/fault-spec.js';
import { BROKER_POD } from './exec-broker-control.js';
import { isKubeNotFound, KubeApiError, type KubeClient } from './kube-client.js';
import { kubePodControl } from './kube-pod-control.js';

/**
 * Checks, before anything is applied, that every target of the plan exists in the namespace and
 * that the controller may reach it: the pods of killed services, the Deployments of restarted
 * ones, the broker pod, the k6-operator CRD. A 403 surfaces as `ERR_K8S_FORBIDDEN` naming the
 * request. So a missing namespace, CRD, pod or permission stops the run with exit 5 and no fault.
 * @throws FaultlineError `ERR_K8S_NAMESPACE`, `ERR_K8S_NO_POD`, `ERR_K8S_CRD_MISSING`, `ERR_K8S_*`
 */
export async function preflightKubernetes(client: KubeClient, plan: ResolvedPlan): Promise<void> {
  const ns = client.namespace;
  await checkNamespace(client);
  const pods = kubePodControl(client);
  const killed = new Set<FleetService>();
  const restarted = new Set<FleetService>();
  let broker = false;
  for (const f of plan.faults) {
    if (f.kind === 'process-kill') killed.add(f.target as FleetService);
    if (f.kind === 'process-restart') restarted.add(f.target as FleetService);
    if (f.kind === 'broker-app-stop' || f.kind === 'broker-memory-alarm') broker = true;
  }
  for (const service of killed)
    if ((await pods.podsOf(service)).length === 0)
      throw new FaultlineError('ERR_K8S_NO_POD', `service ${service} has no running pod in namespace ${ns}`);
  for (const service of restarted)
    await client
      .request('GET', `/apis/apps/v1/namespaces/${ns}/deployments/${service}`)
      .catch((err: unknown) => {
        throw isKubeNotFound(err)
          ? new FaultlineError('ERR_K8S_NO_POD', `service ${service} has no Deployment in namespace ${ns}`)
          : err;
      });
  if (broker)
    await client.request('GET', `/api/v1/namespaces/${ns}/pods/${BROKER_POD}`).catch((err: unknown) => {
      throw isKubeNotFound(err)
        ? new FaultlineError(
            'ERR_K8S_NO_POD',
            `the broker pod ${BROKER_POD} does not exist in namespace ${ns} (the RabbitmqCluster's first pod)`,
          )
        : err;
    });
  if (plan.load.engine === 'k6-operator')
    await client
      .request('GET', `/apis/k6.io/v1alpha1/namespaces/${ns}/testruns?limit=1`)
      .catch((err: unknown) => {
        throw isKubeNotFound(err)
          ? new FaultlineError(
              'ERR_K8S_CRD_MISSING',
              'the k6-operator CRD testruns.k6.io is not installed in the cluster (docs/kubernetes.md, prerequisites)',
            )
          : err;
      });
}

/**
 * The namespace exists. Reading a Namespace is cluster-scoped, which the controller's Role does
 * not grant: a 403 there is not an error, the namespaced checks that follow tell the rest.
 */
async function checkNamespace(client: KubeClient): Promise<void> {
  try {
    await client.request('GET', `/api/v1/namespaces/${client.namespace}`);
  } catch (err) {
    if (isKubeNotFound(err))
      throw new FaultlineError(
        'ERR_K8S_NAMESPACE',
        `namespace ${client.namespace} does not exist in the cluster (deploy the stack first: kubectl apply -k deploy/kubernetes/overlays/dev)`,
      );
    if (!(err instanceof KubeApiError && err.status === 403)) throw err;
  }
}

/**
 * The in-cluster controller: a ServiceAccount with a Role carrying exactly CONTROLLER_RULES (one namespace, no
 * ClusterRole), a Service for its OTLP trace receiver (the Collector exports to it), a claim for its run folders, and
 * the Job that runs `faultline run` on the experiment in the `faultline-experiment` ConfigMap.
 */
import { Job } from 'kubernetes-models/batch/v1';
import { Role, RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { PersistentVolumeClaim, Service, ServiceAccount } from 'kubernetes-models/v1';
import {
  CONTROLLER,
  CONTROLLER_OTLP_PORT,
  CONTROLLER_RULES,
  GATEWAY,
} from '../../../chaos/kubernetes/contract.js';
import { meta, plain, selector, type K8sObject } from './meta.js';
import { EXPERIMENT_CONFIGMAP, RUNS_CLAIM } from './names.js';
import { restricted, UID } from './pod-security.js';

/** ServiceAccount, Role, RoleBinding, the receiver Service and the runs claim (all in the base). */
export function controllerAccess(): K8sObject[] {
  const name = CONTROLLER.name;
  const role = new Role({
    metadata: meta(name, 'controller'),
    rules: CONTROLLER_RULES.map((r) => ({
      apiGroups: [...r.apiGroups],
      resources: [...r.resources],
      verbs: [...r.verbs],
      ...(r.resourceNames === undefined ? {} : { resourceNames: [...r.resourceNames] }),
    })),
  });
  const binding = new RoleBinding({
    metadata: meta(name, 'controller'),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
    // kustomize sets the namespace of the subject together with every object's.
    subjects: [{ kind: 'ServiceAccount', name }],
  });
  const receiver = new Service({
    metadata: meta(name, 'controller'),
    spec: {
      selector: selector(name),
      ports: [{ name: 'otlp-http', port: CONTROLLER_OTLP_PORT, targetPort: 'otlp-http' }],
    },
  });
  const claim = new PersistentVolumeClaim({
    metadata: meta(RUNS_CLAIM, 'controller'),
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  });
  return [new ServiceAccount({ metadata: meta(name, 'controller') }), role, binding, receiver, claim].map(
    plain,
  );
}

/** The Job (applied on its own, per run: deploy/kubernetes/controller/). */
export function controllerJob(image: string): K8sObject {
  const name = CONTROLLER.name;
  return plain(
    new Job({
      metadata: meta(name, 'controller'),
      spec: {
        backoffLimit: 0,
        ttlSecondsAfterFinished: 86400,
        template: {
          metadata: { labels: meta(name, 'controller').labels },
          spec: {
            serviceAccountName: name,
            restartPolicy: 'Never',
            securityContext: { ...restricted.pod(UID.node), fsGroup: UID.node },
            containers: [
              {
                name: 'faultline',
                image,
                // --namespace: any experiment file runs in kubernetes mode in the Job's own namespace (the kubelet
                // expands $(POD_NAMESPACE) from the env below).
                args: [
                  'run',
                  '/experiment/experiment.yaml',
                  '--runs-dir',
                  '/runs',
                  '--namespace',
                  '$(POD_NAMESPACE)',
                ],
                env: [
                  { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                  // The key the run's own gateway requests send (the one the k6 runners take from the Secret too).
                  {
                    name: 'FAULTLINE_API_KEY',
                    valueFrom: { secretKeyRef: { name: GATEWAY.keysSecret, key: GATEWAY.clientKey } },
                  },
                  // The trace receiver on all interfaces: the Collector exports to this pod through the Service.
                  { name: 'FAULTLINE_OTLP_LISTEN', value: `0.0.0.0:${CONTROLLER_OTLP_PORT}` },
                ],
                ports: [{ name: 'otlp-http', containerPort: CONTROLLER_OTLP_PORT }],
                resources: {
                  requests: { cpu: '500m', memory: '512Mi' },
                  limits: { cpu: '2', memory: '2Gi' },
                },
                securityContext: restricted.container,
                volumeMounts: [
                  { name: 'experiment', mountPath: '/experiment', readOnly: true },
                  { name: 'runs', mountPath: '/runs' },
                  { name: 'tmp', mountPath: '/tmp' },
                  { name: 'state', mountPath: '/app/.faultline' },
                ],
              },
            ],
            volumes: [
              { name: 'experiment', configMap: { name: EXPERIMENT_CONFIGMAP } },
              { name: 'runs', persistentVolumeClaim: { claimName: RUNS_CLAIM } },
              { name: 'tmp', emptyDir: {} },
              { name: 'state', emptyDir: {} },
            ],
          },
        },
      },
    }),
  );
}

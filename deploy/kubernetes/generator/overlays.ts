/**
 * The overlays' own objects and patches:
 *
 *   dev    one replica of everything, small requests, small volumes
 *   scale  3 replicas per scaled fleet service (not the psp and carrier simulators) with an HPA on CPU, a
 *          PodDisruptionBudget and pod anti-affinity each;
 *          a 3-node broker, 3-instance databases, and a load overlay with more k6 runners
 *
 * Patches are partial objects (strategic merge for core kinds, JSON merge for custom resources).
 */
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { BROKER, DATABASE_OWNERS, FLEET_SERVICES, K6, LABELS } from '../../../chaos/kubernetes/contract.js';
import { meta, plain, selector, type K8sObject } from './meta.js';
import { COLLECTOR, databaseCluster, SCALED_SERVICES } from './names.js';

/** A patch: enough of an object to name it, plus the fields to change. */
export type Patch = K8sObject;

const deploymentPatch = (name: string, spec: Record<string, unknown>): Patch => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec,
});
const containerPatch = (name: string, container: Record<string, unknown>) => ({
  template: { spec: { containers: [{ name, ...container }] } },
});

export function devPatches(): Patch[] {
  const small = { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } };
  return [
    ...FLEET_SERVICES.map((s) =>
      deploymentPatch(s, { replicas: 1, ...containerPatch(s, { resources: small }) }),
    ),
    {
      apiVersion: 'rabbitmq.com/v1beta1',
      kind: 'RabbitmqCluster',
      metadata: { name: BROKER.name },
      spec: {
        replicas: 1,
        resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '512Mi' } },
        persistence: { storage: '1Gi' },
      },
    },
    ...DATABASE_OWNERS.map((s) => ({
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: databaseCluster(s) },
      spec: {
        instances: 1,
        storage: { size: '1Gi' },
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
      },
    })),
  ];
}

/** Fleet replicas in the scale overlay (the HPA's floor); the HPA may go up to SCALE_MAX_REPLICAS. */
export const SCALE_REPLICAS = 3;
export const SCALE_MAX_REPLICAS = 12;
/** k6 runners in the scale overlay's TestRun. */
export const SCALE_K6_PARALLELISM = 4;

export function scalePatches(): Patch[] {
  const antiAffinity = (s: string) => ({
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 100,
          podAffinityTerm: {
            topologyKey: 'kubernetes.io/hostname',
            labelSelector: { matchLabels: selector(s) },
          },
        },
      ],
    },
  });
  return [
    ...SCALED_SERVICES.map((s) =>
      deploymentPatch(s, {
        replicas: SCALE_REPLICAS,
        template: { spec: { affinity: antiAffinity(s) } },
      }),
    ),
    deploymentPatch(COLLECTOR.name, {
      ...containerPatch(COLLECTOR.name, {
        resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } },
      }),
    }),
    {
      apiVersion: 'rabbitmq.com/v1beta1',
      kind: 'RabbitmqCluster',
      metadata: { name: BROKER.name },
      spec: {
        replicas: 3,
        resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '2', memory: '2Gi' } },
      },
    },
    ...DATABASE_OWNERS.map((s) => ({
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: databaseCluster(s) },
      spec: {
        instances: 3,
        resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } },
      },
    })),
  ];
}

/** One HPA (CPU, 70 % of requests) and one PDB (at most one pod down) per scaled fleet service. */
export function scaleObjects(): K8sObject[] {
  return SCALED_SERVICES.flatMap((s) => [
    plain(
      new HorizontalPodAutoscaler({
        metadata: meta(s, 'fleet'),
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: s },
          minReplicas: SCALE_REPLICAS,
          maxReplicas: SCALE_MAX_REPLICAS,
          metrics: [
            {
              type: 'Resource',
              resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
            },
          ],
        },
      }),
    ),
    plain(
      new PodDisruptionBudget({
        metadata: meta(s, 'fleet'),
        spec: { maxUnavailable: 1, selector: { matchLabels: { [LABELS.name]: s } } },
      }),
    ),
  ]);
}

/** The scale overlay's TestRun patch: more runners. */
export function scaleLoadPatch(): Patch {
  return {
    apiVersion: 'k6.io/v1alpha1',
    kind: 'TestRun',
    metadata: { name: K6.testRun },
    spec: { parallelism: SCALE_K6_PARALLELISM, separate: true },
  };
}

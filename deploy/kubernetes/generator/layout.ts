/**
 * The files of deploy/kubernetes/, as a map from path (relative to deploy/kubernetes/) to objects:
 *
 *   base/                 the stack: fleet, proxy, broker, databases, observability, k6 script, controller RBAC
 *   controller/           the controller Job (one per run; needs base)
 *   load/                 the k6-operator TestRun template (one per load run; needs base)
 *   overlays/dev/         base + one replica each, small requests
 *   overlays/scale/       base + replicas, HPA, PDB, anti-affinity
 *   overlays/scale/load/  load/ with more k6 runners
 *
 * Every `.yaml` except kustomization.yaml holds objects that validate.ts checks; kustomizations are listed apart.
 */
import { Namespace } from 'kubernetes-models/v1';
import { LABELS, PART_OF } from '../../../chaos/kubernetes/contract.js';
import { brokerCluster } from './broker.js';
import { clusterLinks } from './cluster-links.js';
import { collectorObjects, tempoObjects } from './collector.js';
import { controllerAccess, controllerJob } from './controller.js';
import { dashboardConfigMaps } from './dashboards.js';
import { databaseClusters } from './databases.js';
import { fleetObjects } from './fleet.js';
import { k6ScriptConfigMap, k6TestRun } from './load.js';
import { plain, type K8sObject } from './meta.js';
import { serviceMonitors, prometheusRule } from './monitoring.js';
import { networkPolicies } from './network.js';
import { prometheusAccess, prometheusServer } from './prometheus.js';
import type { GenerateOptions } from './options.js';
import { devPatches, scaleLoadPatch, scaleObjects, scalePatches } from './overlays.js';
import type { Sources } from './sources.js';
import { toxiproxyObjects } from './toxiproxy.js';

/** A kustomization.yaml. */
export interface Kustomization {
  apiVersion: 'kustomize.config.k8s.io/v1beta1';
  kind: 'Kustomization';
  namespace?: string;
  resources: string[];
  patches?: { path: string }[];
  labels?: { pairs: Record<string, string>; includeSelectors: false }[];
}

export interface Layout {
  /** Files of objects (resources). */
  objects: Map<string, K8sObject[]>;
  /** Files of patches (partial objects; not validated as whole objects). */
  patches: Map<string, K8sObject[]>;
  kustomizations: Map<string, Kustomization>;
}

const kustomization = (k: Omit<Kustomization, 'apiVersion' | 'kind'>): Kustomization => ({
  apiVersion: 'kustomize.config.k8s.io/v1beta1',
  kind: 'Kustomization',
  ...k,
});

function image(env: Record<string, string>, key: string): string {
  const value = env[key];
  if (!value) throw new Error(`.env has no ${key}`);
  return value;
}

/** The CloudNativePG PostgreSQL image of the same version as the compose stack's POSTGRES_IMAGE (postgres:17.6-alpine). */
export function cnpgImage(postgresImage: string): string {
  const version = /:(\d+(?:\.\d+)?)/.exec(postgresImage)?.[1];
  if (!version) throw new Error(`cannot read a PostgreSQL version from ${postgresImage}`);
  return `ghcr.io/cloudnative-pg/postgresql:${version}`;
}

/** The plain key a client sends: the first entry of the dev GATEWAY_API_KEYS (`name:key` or `key`). */
function clientKey(keys: string): string {
  const first = keys.split(',')[0]?.trim() ?? '';
  return first.slice(first.lastIndexOf(':') + 1);
}

function baseFiles(src: Sources, o: GenerateOptions): Map<string, K8sObject[]> {
  const links = clusterLinks(src.links);
  // Pod Security "restricted" as warning and audit only: every pod the generator writes meets it, but the operators'
  // pods (broker, k6 runners) are theirs to configure, and enforcing would reject them.
  const ns = plain(
    new Namespace({
      metadata: {
        name: o.namespace,
        labels: {
          [LABELS.partOf]: PART_OF,
          'pod-security.kubernetes.io/warn': 'restricted',
          'pod-security.kubernetes.io/audit': 'restricted',
        },
      },
    }),
  );
  return new Map<string, K8sObject[]>([
    ['base/namespace.yaml', [ns]],
    [
      'base/fleet.yaml',
      fleetObjects(
        o.image,
        image(src.env, 'GATEWAY_API_KEYS'),
        clientKey(image(src.env, 'GATEWAY_API_KEYS')),
      ),
    ],
    ['base/toxiproxy.yaml', toxiproxyObjects(links, image(src.env, 'TOXIPROXY_IMAGE'))],
    ['base/broker.yaml', [brokerCluster(image(src.env, 'RABBITMQ_IMAGE'))] as unknown as K8sObject[]],
    [
      'base/databases.yaml',
      databaseClusters(cnpgImage(image(src.env, 'POSTGRES_IMAGE'))) as unknown as K8sObject[],
    ],
    ['base/otel-collector.yaml', collectorObjects(image(src.env, 'OTELCOL_IMAGE'), src.collectorConfig)],
    ['base/tempo.yaml', tempoObjects(image(src.env, 'TEMPO_IMAGE'), src.tempoConfig)],
    [
      'base/monitoring.yaml',
      [
        ...prometheusAccess(),
        prometheusServer(image(src.env, 'PROMETHEUS_IMAGE')),
        ...serviceMonitors(),
        prometheusRule(src.ruleGroups),
      ] as unknown as K8sObject[],
    ],
    ['base/dashboards.yaml', dashboardConfigMaps(src.dashboards)],
    ['base/k6-script.yaml', [k6ScriptConfigMap(src.k6Script)]],
    ['base/controller-rbac.yaml', controllerAccess()],
    ['base/network-policies.yaml', networkPolicies()],
  ]);
}

/** Everything under deploy/kubernetes/. Pure. */
export function layout(src: Sources, o: GenerateOptions): Layout {
  const objects = baseFiles(src, o);
  objects.set('controller/job.yaml', [controllerJob(o.controllerImage)]);
  objects.set('load/testrun.yaml', [k6TestRun(image(src.env, 'K6_IMAGE'))] as unknown as K8sObject[]);
  objects.set('overlays/scale/autoscaling.yaml', scaleObjects());
  const patches = new Map<string, K8sObject[]>([
    ['overlays/dev/patches.yaml', devPatches()],
    ['overlays/scale/patches.yaml', scalePatches()],
    ['overlays/scale/load/patches.yaml', [scaleLoadPatch()]],
  ]);
  const here = (dir: string, files: Iterable<string>) =>
    [...files].filter((f) => f.startsWith(`${dir}/`)).map((f) => f.slice(dir.length + 1));
  const k = new Map<string, Kustomization>([
    [
      'base/kustomization.yaml',
      kustomization({ namespace: o.namespace, resources: here('base', objects.keys()) }),
    ],
    ['controller/kustomization.yaml', kustomization({ namespace: o.namespace, resources: ['job.yaml'] })],
    ['load/kustomization.yaml', kustomization({ namespace: o.namespace, resources: ['testrun.yaml'] })],
    [
      'overlays/dev/kustomization.yaml',
      kustomization({ resources: ['../../base'], patches: [{ path: 'patches.yaml' }] }),
    ],
    [
      'overlays/scale/kustomization.yaml',
      kustomization({
        namespace: o.namespace,
        resources: ['../../base', 'autoscaling.yaml'],
        patches: [{ path: 'patches.yaml' }],
      }),
    ],
    [
      'overlays/scale/load/kustomization.yaml',
      kustomization({ resources: ['../../../load'], patches: [{ path: 'patches.yaml' }] }),
    ],
  ]);
  return { objects, patches, kustomizations: k };
}

/**
 * The core Kubernetes kinds the generator writes (plus Pod, Lease and StatefulSet, which the runner's requests may
 * carry), by `apiVersion/kind`, as kubernetes-models classes. Their
 * `validate()` checks an object against the Kubernetes OpenAPI schema that kubernetes-models 4.5.1 is generated from
 * (Kubernetes 1.33; see docs/kubernetes.md). Add a line here to generate a new core kind.
 */
import { ObjectMeta } from '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Lease } from 'kubernetes-models/coordination.k8s.io/v1/Lease';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Pod } from 'kubernetes-models/v1/Pod';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';

/** A kubernetes-models class: construct from plain data, then `validate()` throws with ajv `errors`. */
export type CoreModel = new (data: never) => { validate(): void };

export const CORE_MODELS: Readonly<Record<string, CoreModel>> = Object.fromEntries(
  [
    ConfigMap,
    Deployment,
    HorizontalPodAutoscaler,
    Job,
    Lease,
    Namespace,
    NetworkPolicy,
    PersistentVolumeClaim,
    Pod,
    PodDisruptionBudget,
    Role,
    RoleBinding,
    Secret,
    Service,
    ServiceAccount,
    StatefulSet,
  ].map((m) => [`${m.apiVersion}/${m.kind}`, m as unknown as CoreModel]),
);

/** Object metadata (also checked on custom resources, whose CRD schemas leave it to the API server). */
export const OBJECT_META = ObjectMeta as unknown as CoreModel;

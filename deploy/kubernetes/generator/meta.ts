/** Names, labels and metadata shared by every generated object (label keys from chaos/kubernetes/contract.ts). */
import { LABELS, PART_OF } from '../../../chaos/kubernetes/contract.js';

/** A generated object: apiVersion, kind, metadata.name and the rest. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/** What a component is; the `app.kubernetes.io/component` label value. */
export type Component = 'fleet' | 'proxy' | 'broker' | 'database' | 'observability' | 'load' | 'controller';

/** The labels of every object of a component; `name` is the service or component name. */
export function labels(name: string, component: Component): Record<string, string> {
  return { [LABELS.name]: name, [LABELS.partOf]: PART_OF, [LABELS.component]: component };
}

/** The pod selector of a workload: its name label only (stable across label additions). */
export function selector(name: string): Record<string, string> {
  return { [LABELS.name]: name };
}

/** metadata for an object. */
export function meta(name: string, component: Component, extra: Record<string, string> = {}) {
  return { name, labels: { ...labels(name, component), ...extra } };
}

/** A plain JSON copy of a kubernetes-models instance (or any object). */
export function plain(model: unknown): K8sObject {
  return JSON.parse(JSON.stringify(model)) as K8sObject;
}

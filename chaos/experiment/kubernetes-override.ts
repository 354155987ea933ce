import { isMap, type Document } from 'yaml';

/** `--namespace N [--context C]` of `validate`, `plan` and `run`: the same file, in kubernetes mode. */
export interface KubernetesOverride {
  namespace: string;
  context?: string;
}

/**
 * Runs an experiment file unchanged in kubernetes mode: sets `environment.mode: kubernetes`, the
 * namespace (also into `allow.namespace`) and the context, and drops `environment.attach`, in the
 * parsed document, before validation. Everything else (faults, load, checks, allow lists) is the
 * file's own, so its problems keep their lines. Mutates `doc`.
 */
export function applyKubernetesOverride(doc: Document, o: KubernetesOverride): void {
  if (!isMap(doc.contents)) return;
  if (!isMap(doc.getIn(['environment']))) doc.setIn(['environment'], doc.createNode({}));
  doc.setIn(['environment', 'mode'], 'kubernetes');
  doc.deleteIn(['environment', 'attach']);
  doc.setIn(['environment', 'namespace'], o.namespace);
  if (o.context !== undefined) doc.setIn(['environment', 'context'], o.context);
  if (!isMap(doc.getIn(['environment', 'allow']))) doc.setIn(['environment', 'allow'], doc.createNode({}));
  doc.setIn(['environment', 'allow', 'namespace'], o.namespace);
}

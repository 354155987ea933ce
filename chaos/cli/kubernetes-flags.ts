import type { KubernetesOverride } from '../experiment/kubernetes-override.js';

/** The override the flags ask for, if any. */
export function kubernetesOverrideOf(flags: {
  namespace?: string;
  context?: string;
}): KubernetesOverride | undefined {
  if (flags.namespace === undefined) return undefined;
  return { namespace: flags.namespace, ...(flags.context === undefined ? {} : { context: flags.context }) };
}

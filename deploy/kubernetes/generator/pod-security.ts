/**
 * The Pod Security Standards "restricted" profile, applied to every pod the generator writes. The user id is numeric
 * because kubelet cannot verify `runAsNonRoot` against a named image user (the fleet image's `USER node` is uid 1000).
 */
import type { IPodSecurityContext, ISecurityContext } from 'kubernetes-models/v1';

export const restricted = {
  pod: (uid: number): IPodSecurityContext => ({
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    seccompProfile: { type: 'RuntimeDefault' },
  }),
  container: {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
  } satisfies ISecurityContext as ISecurityContext,
};

/** Numeric users: node (the fleet image), nobody (Toxiproxy's static binary), the Grafana/OTel images' 10001. */
export const UID = { node: 1000, nobody: 65534, grafana: 10001 } as const;

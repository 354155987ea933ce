/** The in-cluster Toxiproxy: one replica (toxics live in its memory), loading the cluster link map at start. */
import { Deployment } from 'kubernetes-models/apps/v1';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { TOXIPROXY } from '../../../chaos/kubernetes/contract.js';
import type { ClusterLinks } from './cluster-links.js';
import { LINKS_CONFIGMAP } from './names.js';
import { meta, plain, selector, type K8sObject } from './meta.js';
import { restricted, UID } from './pod-security.js';

export function toxiproxyObjects(links: ClusterLinks, image: string): K8sObject[] {
  const config = new ConfigMap({
    metadata: meta(LINKS_CONFIGMAP, 'proxy'),
    data: {
      'links.json': `${JSON.stringify(links.clients, null, 2)}\n`,
      'toxiproxy.json': `${JSON.stringify(links.proxy, null, 2)}\n`,
    },
  });
  const linkPorts = links.ports.map((p) => ({ name: `link-${p}`, port: p, protocol: 'TCP' as const }));
  const deployment = new Deployment({
    metadata: meta(TOXIPROXY.name, 'proxy'),
    spec: {
      replicas: 1,
      strategy: { type: 'Recreate' },
      selector: { matchLabels: selector(TOXIPROXY.name) },
      template: {
        metadata: { labels: meta(TOXIPROXY.name, 'proxy').labels },
        spec: {
          securityContext: restricted.pod(UID.nobody),
          containers: [
            {
              name: 'toxiproxy',
              image,
              args: ['-host=0.0.0.0', '-config=/config/toxiproxy.json', '-proxy-metrics', '-runtime-metrics'],
              ports: [
                { name: 'admin', containerPort: TOXIPROXY.adminPort },
                ...linkPorts.map((p) => ({ name: p.name, containerPort: p.port })),
              ],
              readinessProbe: { httpGet: { path: '/version', port: 'admin' }, periodSeconds: 5 },
              livenessProbe: { httpGet: { path: '/version', port: 'admin' }, periodSeconds: 10 },
              resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '128Mi' } },
              securityContext: restricted.container,
              volumeMounts: [{ name: 'links', mountPath: '/config', readOnly: true }],
            },
          ],
          volumes: [{ name: 'links', configMap: { name: LINKS_CONFIGMAP } }],
        },
      },
    },
  });
  const service = new Service({
    metadata: meta(TOXIPROXY.name, 'proxy'),
    spec: {
      selector: selector(TOXIPROXY.name),
      ports: [{ name: 'admin', port: TOXIPROXY.adminPort, targetPort: 'admin' }, ...linkPorts],
    },
  });
  return [config, deployment, service].map(plain);
}

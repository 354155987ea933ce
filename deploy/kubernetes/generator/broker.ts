/**
 * The broker: one RabbitmqCluster. The operator makes the `broker` Service (amqp 5672, management 15672, prometheus
 * 15692), the pods `broker-server-<i>` and the default-user Secret; management and prometheus plugins are always on.
 */
import { BROKER } from '../../../chaos/kubernetes/contract.js';
import type { RabbitmqCluster } from './custom-resources.js';
import { meta } from './meta.js';

/** The RabbitmqCluster; `image` is the compose stack's pin (.env RABBITMQ_IMAGE). */
export function brokerCluster(image: string): RabbitmqCluster {
  return {
    apiVersion: 'rabbitmq.com/v1beta1',
    kind: 'RabbitmqCluster',
    metadata: meta(BROKER.name, 'broker'),
    spec: {
      replicas: 1,
      image,
      resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '1Gi' } },
      persistence: { storage: '5Gi' },
    },
  };
}

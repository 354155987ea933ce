/**
 * Distributed load with k6-operator: the k6 bundle from `npm run build:k6` as a ConfigMap, and a TestRun template
 * whose runners split the arrival rate (k6 execution segments) and remote-write their metrics to Prometheus, where
 * the runner reads the load figures back for threshold checks.
 */
import { ConfigMap } from 'kubernetes-models/v1';
import { FLEET_PORTS, K6 } from '../../../chaos/kubernetes/contract.js';
import type { TestRun } from './custom-resources.js';
import { meta, MONITORING, plain, type K8sObject } from './meta.js';
import { GATEWAY_SECRET } from './names.js';

/** k6 runners in the base TestRun; the scale overlay raises it (docs/kubernetes.md has the arithmetic). */
export const K6_PARALLELISM = 1;

export function k6ScriptConfigMap(script: string): K8sObject {
  return plain(
    new ConfigMap({ metadata: meta(K6.scriptConfigMap, 'load'), data: { [K6.scriptFile]: script } }),
  );
}

/** The TestRun template; `image` is the compose stack's k6 pin (.env K6_IMAGE). */
export function k6TestRun(image: string): TestRun {
  return {
    apiVersion: 'k6.io/v1alpha1',
    kind: 'TestRun',
    metadata: meta(K6.testRun, 'load'),
    spec: {
      parallelism: K6_PARALLELISM,
      script: { configMap: { name: K6.scriptConfigMap, file: K6.scriptFile } },
      arguments: '--out experimental-prometheus-rw --tag testid=faultline-load',
      // Runners may share a node here; the scale overlay sets `separate: true` (one runner per node).
      separate: false,
      cleanup: 'post',
      runner: {
        image,
        env: [
          { name: 'BASE_URL', value: `http://gateway:${FLEET_PORTS.gateway.http}` },
          { name: 'API_KEY', valueFrom: { secretKeyRef: { name: GATEWAY_SECRET, key: 'client-key' } } },
          { name: 'RUN_ID', value: 'k6-operator' },
          { name: 'K6_PROMETHEUS_RW_SERVER_URL', value: `${MONITORING.prometheusUrl}/api/v1/write` },
          { name: 'K6_PROMETHEUS_RW_TREND_STATS', value: 'p(50),p(95),p(99),max' },
          { name: 'K6_PROMETHEUS_RW_PUSH_INTERVAL', value: '5s' },
        ],
        resources: { requests: { cpu: '1', memory: '512Mi' }, limits: { cpu: '2', memory: '1Gi' } },
        metadata: { labels: meta(K6.testRun, 'load').labels },
      },
    },
  };
}

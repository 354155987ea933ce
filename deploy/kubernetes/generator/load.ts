/**
 * Distributed load with k6-operator: the k6 bundle from `npm run build:k6` as a ConfigMap, and a TestRun template
 * whose runners split the arrival rate (k6 execution segments) and remote-write their metrics to the stack's
 * Prometheus. The template sets what the runner's own TestRun (chaos/kubernetes/k6-operator/test-run.ts) sets, from
 * the same contract: the gateway and FAULTLINE_CLUSTER_HOST (the k6 script refuses any other non-loopback host),
 * `testid` = RUN_ID, the remote-write URL, trend statistics and push interval.
 */
import { ConfigMap } from 'kubernetes-models/v1';
import { GATEWAY, K6, k6Arguments, PROMETHEUS } from '../../../chaos/kubernetes/contract.js';
import type { TestRun } from './custom-resources.js';
import { meta, plain, type K8sObject } from './meta.js';

/** k6 runners in the base TestRun; the scale overlay raises it (docs/kubernetes.md has the arithmetic). */
export const K6_PARALLELISM = 1;

export function k6ScriptConfigMap(script: string): K8sObject {
  return plain(
    new ConfigMap({ metadata: meta(K6.scriptConfigMap, 'load'), data: { [K6.scriptFile]: script } }),
  );
}

/** The TestRun template; `image` is the compose stack's k6 pin (.env K6_IMAGE). */
export function k6TestRun(image: string): TestRun {
  // Service names resolve in the namespace kustomize applies the TestRun to.
  const gateway = `http://${GATEWAY.service}:${GATEWAY.port}`;
  const remoteWrite = `http://${PROMETHEUS.service}:${PROMETHEUS.port}${PROMETHEUS.remoteWritePath}`;
  return {
    apiVersion: 'k6.io/v1alpha1',
    kind: 'TestRun',
    metadata: meta(K6.testRun, 'load'),
    spec: {
      parallelism: K6_PARALLELISM,
      script: { configMap: { name: K6.scriptConfigMap, file: K6.scriptFile } },
      arguments: k6Arguments(K6.testRun),
      // Runners may share a node here; the scale overlay sets `separate: true` (one runner per node).
      separate: false,
      cleanup: 'post',
      runner: {
        image,
        env: [
          { name: 'BASE_URL', value: gateway },
          { name: 'FAULTLINE_CLUSTER_HOST', value: GATEWAY.service },
          {
            name: 'API_KEY',
            valueFrom: { secretKeyRef: { name: GATEWAY.keysSecret, key: GATEWAY.clientKey } },
          },
          { name: 'RUN_ID', value: K6.testRun },
          { name: 'SUMMARY_PATH', value: K6.summaryPath },
          { name: 'K6_PROMETHEUS_RW_SERVER_URL', value: remoteWrite },
          { name: 'K6_PROMETHEUS_RW_TREND_STATS', value: K6.trendStats.join(',') },
          { name: 'K6_PROMETHEUS_RW_PUSH_INTERVAL', value: K6.pushInterval },
          { name: 'K6_NO_COLOR', value: 'true' },
        ],
        resources: { requests: { cpu: '1', memory: '512Mi' }, limits: { cpu: '2', memory: '1Gi' } },
        metadata: { labels: meta(K6.testRun, 'load').labels },
      },
    },
  };
}

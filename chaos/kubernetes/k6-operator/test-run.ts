import type { LoadProfile } from '../../../load/profiles/profile.js';
import { GATEWAY, K6, k6Arguments, LABELS, PART_OF } from '../contract.js';

/** Inputs of one k6-operator TestRun. */
export interface TestRunSpec {
  namespace: string;
  runId: string;
  profile: LoadProfile;
  /** The in-cluster gateway, e.g. `http://gateway.faultline.svc:8080`. */
  gatewayUrl: string;
  /** Prometheus remote-write receiver, e.g. `http://prometheus-operated.faultline.svc:9090/api/v1/write`. */
  remoteWriteUrl: string;
  /** k6 runner pods; the arrival rate is split between them. Default 1. */
  parallelism?: number;
}

/** The TestRun's name for a run id: `faultline-<id>`, a DNS-1123 label (at most 63). */
export function testRunName(runId: string): string {
  const id = runId.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  return `faultline-${id}`.slice(0, 63).replace(/-+$/, '');
}

/**
 * The `TestRun` (k6.io/v1alpha1) of a run (pure): the bundled script from its ConfigMap, the
 * experiment's profile in `FAULTLINE_PROFILE` (as the k6 driver passes it), every sample tagged
 * `testid=<run id>` and remote-written to Prometheus, where the runner reads the figures back.
 */
export function testRunObject(spec: TestRunSpec): Record<string, unknown> {
  const env: Record<string, string> = {
    FAULTLINE_PROFILE: JSON.stringify(spec.profile),
    BASE_URL: spec.gatewayUrl,
    FAULTLINE_CLUSTER_HOST: new URL(spec.gatewayUrl).hostname,
    RUN_ID: spec.runId,
    SUMMARY_PATH: K6.summaryPath,
    K6_PROMETHEUS_RW_SERVER_URL: spec.remoteWriteUrl,
    K6_PROMETHEUS_RW_TREND_STATS: K6.trendStats.join(','),
    K6_PROMETHEUS_RW_PUSH_INTERVAL: K6.pushInterval,
    K6_NO_COLOR: 'true',
  };
  return {
    apiVersion: 'k6.io/v1alpha1',
    kind: 'TestRun',
    metadata: {
      name: testRunName(spec.runId),
      namespace: spec.namespace,
      labels: { [LABELS.partOf]: PART_OF, [LABELS.component]: 'load' },
    },
    spec: {
      parallelism: spec.parallelism ?? 1,
      script: { configMap: { name: K6.scriptConfigMap, file: K6.scriptFile } },
      arguments: k6Arguments(spec.runId),
      separate: false,
      runner: {
        env: [
          ...Object.entries(env).map(([name, value]) => ({ name, value })),
          // The key the gateway accepts, from its Secret (never in the TestRun itself).
          {
            name: 'API_KEY',
            valueFrom: { secretKeyRef: { name: GATEWAY.keysSecret, key: GATEWAY.clientKey } },
          },
        ],
        resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
      },
    },
  };
}

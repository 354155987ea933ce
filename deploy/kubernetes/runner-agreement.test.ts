/**
 * The generated manifests and the runner's kubernetes mode agree: what the runner looks for (Prometheus pod and
 * Service, remote write, the trace receiver) is what the manifests deploy, and the TestRun template runs k6 the way
 * the runner's own TestRun does.
 */
import assert from 'node:assert/strict';
import {
  CONTROLLER_OTLP_PORT,
  GATEWAY,
  LABELS,
  PART_OF,
  PROMETHEUS,
} from '../../chaos/kubernetes/contract.js';
import { testRunObject } from '../../chaos/kubernetes/k6-operator/test-run.js';
import { listenAddress } from '../../chaos/runner/kubernetes-environment.js';
import { BUILTIN_PROFILES } from '../../load/profiles/builtin-profiles.js';
import { controllerAccess, controllerJob } from './generator/controller.js';
import { k6TestRun } from './generator/load.js';
import type { K8sObject } from './generator/meta.js';
import { prometheusRule, serviceMonitors } from './generator/monitoring.js';
import { networkPolicies } from './generator/network.js';
import { prometheusServer } from './generator/prometheus.js';

type Env = { name: string; value?: string; valueFrom?: unknown }[];
const envOf = (run: unknown): Env => (run as { spec: { runner: { env: Env } } }).spec.runner.env;
const value = (env: Env, name: string): string | undefined => env.find((e) => e.name === name)?.value;
const matches = (labels: Record<string, string> | undefined, selector: Record<string, string>): boolean =>
  Object.entries(selector).every(([k, v]) => labels?.[k] === v);

describe('the manifests agree with the kubernetes runner', function () {
  const prometheus = prometheusServer('prom/prometheus:v3.6.0');

  it('deploys the Prometheus the runner finds: pod labels, remote-write receiver, every monitor and rule selected', function () {
    // runningPodOf(PROMETHEUS.podName) selects name + part-of.
    assert.equal(prometheus.spec.podMetadata.labels[LABELS.name], PROMETHEUS.podName);
    assert.equal(prometheus.spec.podMetadata.labels[LABELS.partOf], PART_OF);
    assert.equal(prometheus.metadata.name, PROMETHEUS.name);
    assert.equal(prometheus.spec.enableRemoteWriteReceiver, true);
    assert.equal(prometheus.spec.version, 'v3.6.0');
    const monitors = serviceMonitors();
    assert.ok(monitors.length >= 5);
    for (const m of monitors)
      assert.ok(
        matches(m.metadata.labels, prometheus.spec.serviceMonitorSelector.matchLabels),
        m.metadata.name,
      );
    const rule = prometheusRule([]);
    assert.ok(matches(rule.metadata.labels, prometheus.spec.ruleSelector.matchLabels));
    // No namespace selectors: the operator then selects in the Prometheus's own namespace only.
    assert.ok(!('serviceMonitorNamespaceSelector' in prometheus.spec));
    assert.ok(!('ruleNamespaceSelector' in prometheus.spec));
  });

  it('lets no other namespace through the NetworkPolicies (Prometheus scrapes from this one)', function () {
    assert.doesNotMatch(JSON.stringify(networkPolicies()), /namespaceSelector/);
  });

  it('writes a TestRun template that runs k6 as the runner does', function () {
    const template = k6TestRun('grafana/k6:1.3.0');
    const runner = testRunObject({
      namespace: 'faultline',
      runId: 'run-1',
      profile: BUILTIN_PROFILES['smoke'] ?? assert.fail('no smoke profile'),
      gatewayUrl: 'http://gateway.faultline.svc:8080',
      remoteWriteUrl: `http://${PROMETHEUS.service}.faultline.svc:${PROMETHEUS.port}${PROMETHEUS.remoteWritePath}`,
    }) as unknown as typeof template;
    const t = envOf(template);
    const r = envOf(runner);
    // The same variables, except the experiment's profile (the template runs the script's default profile).
    assert.deepEqual(
      t.map((e) => e.name).sort(),
      r
        .map((e) => e.name)
        .filter((n) => n !== 'FAULTLINE_PROFILE')
        .sort(),
    );
    for (const name of ['K6_PROMETHEUS_RW_TREND_STATS', 'K6_PROMETHEUS_RW_PUSH_INTERVAL', 'SUMMARY_PATH'])
      assert.equal(value(t, name), value(r, name), name);
    assert.deepEqual(template.spec.script, runner.spec.script);
    // The key from the gateway's Secret, in both (a replaced Secret reaches both).
    const key = (env: Env) => env.find((e) => e.name === 'API_KEY');
    assert.deepEqual(key(t), key(r));
    assert.deepEqual(key(r)?.valueFrom, {
      secretKeyRef: { name: GATEWAY.keysSecret, key: GATEWAY.clientKey },
    });
    for (const [run, env] of [
      [template, t],
      [runner, r],
    ] as const) {
      // The k6 script allows exactly this non-loopback host.
      assert.equal(value(env, 'FAULTLINE_CLUSTER_HOST'), new URL(value(env, 'BASE_URL') ?? '').hostname);
      assert.equal(
        run.spec.arguments,
        `--tag testid=${value(env, 'RUN_ID') ?? ''} --out experimental-prometheus-rw`,
      );
      const rw = new URL(value(env, 'K6_PROMETHEUS_RW_SERVER_URL') ?? '');
      assert.equal(rw.hostname.split('.')[0], PROMETHEUS.service);
      assert.equal(rw.port, String(PROMETHEUS.port));
      assert.equal(rw.pathname, PROMETHEUS.remoteWritePath);
    }
  });

  it("has the controller Job receive traces where the Collector sends them, and send the Secret's gateway key", function () {
    const job = controllerJob('faultline:1') as K8sObject & {
      spec: { template: { spec: { containers: { env: Env; ports: { containerPort: number }[] }[] } } };
    };
    const container = job.spec.template.spec.containers[0];
    const listen = listenAddress(value(container?.env ?? [], 'FAULTLINE_OTLP_LISTEN') ?? '');
    assert.deepEqual(listen, { host: '0.0.0.0', port: CONTROLLER_OTLP_PORT });
    assert.deepEqual(container?.env.find((e) => e.name === 'FAULTLINE_API_KEY')?.valueFrom, {
      secretKeyRef: { name: GATEWAY.keysSecret, key: GATEWAY.clientKey },
    });
    assert.equal(container?.ports[0]?.containerPort, CONTROLLER_OTLP_PORT);
    // Any experiment file runs in kubernetes mode in the Job's own namespace.
    const args = (container as { args?: string[] } | undefined)?.args ?? [];
    assert.equal(args[args.indexOf('--namespace') + 1], '$(POD_NAMESPACE)');
    assert.deepEqual(container?.env.find((e) => e.name === 'POD_NAMESPACE')?.valueFrom, {
      fieldRef: { fieldPath: 'metadata.namespace' },
    });
    const service = controllerAccess().find((o) => o.kind === 'Service') as
      { spec: { ports: { port: number }[] } } | undefined;
    assert.equal(service?.spec.ports[0]?.port, CONTROLLER_OTLP_PORT);
  });
});

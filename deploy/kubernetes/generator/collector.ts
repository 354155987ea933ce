/**
 * The OpenTelemetry Collector with the repository's pipeline config (otel-collector/config.yaml, verbatim) and Tempo
 * with otel-collector/tempo.yaml. Service names match the config's endpoints (`tempo:4317`), so neither file changes.
 */
import { createHash } from 'node:crypto';
import { Deployment } from 'kubernetes-models/apps/v1';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { BROKER, CONTROLLER, CONTROLLER_OTLP_PORT } from '../../../chaos/kubernetes/contract.js';
import { BROKER_SECRET, COLLECTOR, TEMPO } from './names.js';
import { meta, plain, selector, type K8sObject } from './meta.js';
import { restricted, UID } from './pod-security.js';

interface Workload {
  name: string;
  image: string;
  args: string[];
  configFile: string;
  configText: string;
  ports: { name: string; port: number }[];
  readyPath: string;
  readyPort: string;
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string } } }[];
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  scratch?: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function workloadObjects(w: Workload): K8sObject[] {
  const configName = `${w.name}-config`;
  const config = new ConfigMap({
    metadata: meta(configName, 'observability'),
    data: { [w.configFile]: w.configText },
  });
  const probe = { httpGet: { path: w.readyPath, port: w.readyPort }, periodSeconds: 10 };
  const deployment = new Deployment({
    metadata: meta(w.name, 'observability'),
    spec: {
      replicas: 1,
      selector: { matchLabels: selector(w.name) },
      template: {
        metadata: {
          labels: meta(w.name, 'observability').labels,
          // A config change rolls the pods.
          annotations: { 'faultline.dev/config-sha256': sha256(w.configText) },
        },
        spec: {
          securityContext: restricted.pod(UID.grafana),
          containers: [
            {
              name: w.name,
              image: w.image,
              args: w.args,
              env: w.env ?? [],
              ports: w.ports.map((p) => ({ name: p.name, containerPort: p.port })),
              readinessProbe: probe,
              livenessProbe: probe,
              resources: w.resources,
              securityContext: restricted.container,
              volumeMounts: [
                { name: 'config', mountPath: '/conf', readOnly: true },
                { name: 'scratch', mountPath: w.scratch ?? '/tmp' },
              ],
            },
          ],
          volumes: [
            { name: 'config', configMap: { name: configName } },
            { name: 'scratch', emptyDir: {} },
          ],
        },
      },
    },
  });
  const service = new Service({
    metadata: meta(w.name, 'observability'),
    spec: {
      selector: selector(w.name),
      ports: w.ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.name })),
    },
  });
  return [config, deployment, service].map(plain);
}

/** The Collector: OTLP in from the fleet, traces to Tempo and the controller, span metrics for Prometheus. */
export function collectorObjects(image: string, configText: string): K8sObject[] {
  return workloadObjects({
    name: COLLECTOR.name,
    image,
    args: ['--config=/conf/config.yaml'],
    configFile: 'config.yaml',
    configText,
    ports: [
      { name: 'otlp-grpc', port: COLLECTOR.otlpGrpcPort },
      { name: 'otlp-http', port: COLLECTOR.otlpHttpPort },
      { name: 'metrics', port: 8888 },
      { name: 'spanmetrics', port: 8889 },
      { name: 'health', port: 13133 },
    ],
    readyPath: '/',
    readyPort: 'health',
    env: [
      { name: 'RABBITMQ_MANAGEMENT_ENDPOINT', value: `http://${BROKER.name}:15672` },
      { name: 'RABBITMQ_USER', valueFrom: { secretKeyRef: { name: BROKER_SECRET, key: 'username' } } },
      { name: 'RABBITMQ_PASSWORD', valueFrom: { secretKeyRef: { name: BROKER_SECRET, key: 'password' } } },
      {
        name: 'FAULTLINE_CONTROLLER_OTLP_ENDPOINT',
        value: `http://${CONTROLLER.name}:${CONTROLLER_OTLP_PORT}`,
      },
    ],
    resources: { requests: { cpu: '200m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
  });
}

/** Tempo, single binary with local storage on an emptyDir (traces live as long as the pod: a test stack). */
export function tempoObjects(image: string, configText: string): K8sObject[] {
  return workloadObjects({
    name: TEMPO.name,
    image,
    args: ['-config.file=/conf/tempo.yaml'],
    configFile: 'tempo.yaml',
    configText,
    ports: [
      { name: 'http', port: TEMPO.httpPort },
      { name: 'otlp-grpc', port: TEMPO.otlpGrpcPort },
    ],
    readyPath: '/ready',
    readyPort: 'http',
    resources: { requests: { cpu: '200m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
    scratch: '/tmp/tempo',
  });
}

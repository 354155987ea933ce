/**
 * A Deployment and a Service for each of the seven fleet services, from the one fleet image (SERVICE picks the
 * service, as in docker-compose.yml). Every service reaches its dependencies through Toxiproxy (FAULTLINE_VIA_PROXY=on
 * with the cluster link map), sends traces to the Collector, and reads its credentials from the operators' Secrets.
 */
import { Deployment } from 'kubernetes-models/apps/v1';
import { Secret, Service } from 'kubernetes-models/v1';
import type { IEnvVar } from 'kubernetes-models/v1';
import {
  DATABASE_OWNERS,
  GATEWAY,
  FLEET_PORTS,
  FLEET_SERVICES,
  type FleetService,
} from '../../../chaos/kubernetes/contract.js';
import { meta, plain, selector, type K8sObject } from './meta.js';
import { restricted, UID } from './pod-security.js';
import {
  BROKER_SECRET,
  COLLECTOR,
  databaseSecret,
  GATEWAY_SECRET,
  LINKS_CONFIGMAP,
  SCALED_SERVICES,
} from './names.js';

/** Resource requests and limits of one fleet container in the base (overlays patch them). */
export const FLEET_RESOURCES = {
  requests: { cpu: '250m', memory: '160Mi' },
  limits: { cpu: '1', memory: '256Mi' },
} as const;
/** Replicas of each scaled fleet Deployment in the base (SCALED_SERVICES; the simulators run one). */
export const FLEET_REPLICAS = 2;

const secretEnv = (name: string, secret: string, key: string): IEnvVar => ({
  name,
  valueFrom: { secretKeyRef: { name: secret, key } },
});

function fleetEnv(service: FleetService): IEnvVar[] {
  const ports = FLEET_PORTS[service];
  const env: IEnvVar[] = [
    { name: 'SERVICE', value: service },
    { name: 'PORT', value: String(ports.http) },
    { name: 'ADMIN_PORT', value: String(ports.admin) },
    { name: 'HOST', value: '0.0.0.0' },
    // The admin listener leaves loopback so the in-cluster controller reaches it; a NetworkPolicy keeps it in the namespace.
    { name: 'ADMIN_HOST', value: '0.0.0.0' },
    { name: 'LOG_LEVEL', value: 'info' },
    { name: 'FAULTLINE_LINKS', value: '/etc/faultline/links.json' },
    { name: 'FAULTLINE_VIA_PROXY', value: 'on' },
    { name: 'OTEL_SERVICE_NAME', value: service },
    { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: `http://${COLLECTOR.name}:${COLLECTOR.otlpHttpPort}` },
    { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
    {
      name: 'OTEL_RESOURCE_ATTRIBUTES',
      value: 'k8s.pod.name=$(POD_NAME),k8s.namespace.name=$(POD_NAMESPACE)',
    },
  ];
  if ((DATABASE_OWNERS as readonly string[]).includes(service)) {
    env.push(
      secretEnv('PGUSER', databaseSecret(service), 'username'),
      secretEnv('PGPASSWORD', databaseSecret(service), 'password'),
      secretEnv('AMQP_USER', BROKER_SECRET, 'username'),
      secretEnv('AMQP_PASSWORD', BROKER_SECRET, 'password'),
    );
  }
  if (service === 'gateway') env.push(secretEnv('GATEWAY_API_KEYS', GATEWAY_SECRET, 'api-keys'));
  return env;
}

function fleetDeployment(service: FleetService, image: string): Deployment {
  const probe = (path: string, periodSeconds: number) => ({
    httpGet: { path, port: 'http' },
    periodSeconds,
    timeoutSeconds: 3,
  });
  return new Deployment({
    metadata: meta(service, 'fleet'),
    spec: {
      replicas: (SCALED_SERVICES as readonly string[]).includes(service) ? FLEET_REPLICAS : 1,
      selector: { matchLabels: selector(service) },
      template: {
        metadata: { labels: meta(service, 'fleet').labels },
        spec: {
          securityContext: restricted.pod(UID.node),
          // SHUTDOWN_GRACE_MS (10 s) of draining plus margin.
          terminationGracePeriodSeconds: 20,
          containers: [
            {
              name: service,
              image,
              env: fleetEnv(service),
              ports: [
                { name: 'http', containerPort: FLEET_PORTS[service].http },
                { name: 'admin', containerPort: FLEET_PORTS[service].admin },
              ],
              // /readyz checks the broker and database; /healthz only the process, so a dependency outage
              // (the point of an experiment) takes a pod out of the Service but never restarts it.
              readinessProbe: probe('/readyz', 5),
              livenessProbe: { ...probe('/healthz', 10), failureThreshold: 3 },
              startupProbe: { ...probe('/healthz', 2), failureThreshold: 30 },
              resources: FLEET_RESOURCES,
              securityContext: restricted.container,
              volumeMounts: [
                { name: 'links', mountPath: '/etc/faultline', readOnly: true },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            },
          ],
          volumes: [
            {
              name: 'links',
              configMap: { name: LINKS_CONFIGMAP, items: [{ key: 'links.json', path: 'links.json' }] },
            },
            { name: 'tmp', emptyDir: {} },
          ],
        },
      },
    },
  });
}

function fleetService(service: FleetService): Service {
  const ports = FLEET_PORTS[service];
  return new Service({
    metadata: meta(service, 'fleet'),
    spec: {
      selector: selector(service),
      ports: [
        { name: 'http', port: ports.http, targetPort: 'http' },
        { name: 'admin', port: ports.admin, targetPort: 'admin' },
      ],
    },
  });
}

/** Every fleet object, plus the gateway key Secret (the dev key from .env: replace it outside dev). */
export function fleetObjects(image: string, gatewayKeys: string, clientKey: string): K8sObject[] {
  const keys = new Secret({
    metadata: meta(GATEWAY_SECRET, 'fleet'),
    type: 'Opaque',
    stringData: { 'api-keys': gatewayKeys, [GATEWAY.clientKey]: clientKey },
  });
  return [
    plain(keys),
    ...FLEET_SERVICES.flatMap((s) => [plain(fleetDeployment(s, image)), plain(fleetService(s))]),
  ];
}

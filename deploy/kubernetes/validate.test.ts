import assert from 'node:assert/strict';
import { validateObject } from './validate.js';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'gateway' },
  spec: {
    selector: { matchLabels: { app: 'gateway' } },
    template: {
      metadata: { labels: { app: 'gateway' } },
      spec: { containers: [{ name: 'gateway', image: 'x' }] },
    },
  },
};

/** A valid object of each custom resource kind, and a broken copy with the problem the message must name. */
const CUSTOM: { valid: Record<string, unknown>; broken: Record<string, unknown>; expect: RegExp }[] = [
  {
    valid: {
      apiVersion: 'rabbitmq.com/v1beta1',
      kind: 'RabbitmqCluster',
      metadata: { name: 'broker' },
      spec: { replicas: 1 },
    },
    broken: {
      apiVersion: 'rabbitmq.com/v1beta1',
      kind: 'RabbitmqCluster',
      metadata: { name: 'broker' },
      spec: { replicas: 'three' },
    },
    expect: /RabbitmqCluster\/broker: \/spec\/replicas: must be integer/,
  },
  {
    valid: {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: 'order-db' },
      spec: { instances: 1 },
    },
    broken: {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: 'order-db' },
      spec: { storage: {} },
    },
    expect: /Cluster\/order-db: \/spec: must have required property 'instances'/,
  },
  {
    valid: {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: 'm' },
      spec: { selector: {}, endpoints: [{ port: 'http' }] },
    },
    broken: {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: 'm' },
      spec: { selector: {}, endpoints: [{ port: 'http', interval: 'often' }] },
    },
    expect: /ServiceMonitor\/m: \/spec\/endpoints\/0\/interval: must match pattern/,
  },
  {
    valid: {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: 'r' },
      spec: { groups: [{ name: 'g', rules: [{ record: 'a:b', expr: 'up' }] }] },
    },
    broken: {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: 'r' },
      spec: { groups: [{ name: 'g', rules: [{ record: 'a:b' }] }] },
    },
    expect: /PrometheusRule\/r: \/spec\/groups\/0\/rules\/0: must have required property 'expr'/,
  },
  {
    valid: {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'Prometheus',
      metadata: { name: 'p' },
      spec: { enableRemoteWriteReceiver: true, serviceMonitorSelector: { matchLabels: { a: 'b' } } },
    },
    broken: {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'Prometheus',
      metadata: { name: 'p' },
      spec: { enableRemoteWriteReciever: true, retention: 'a week' },
    },
    expect:
      /Prometheus\/p: \/spec: must NOT have additional properties \(enableRemoteWriteReciever\)\nPrometheus\/p: \/spec\/retention: must match pattern/,
  },
  {
    valid: {
      apiVersion: 'k6.io/v1alpha1',
      kind: 'TestRun',
      metadata: { name: 't' },
      spec: { parallelism: 2, script: { configMap: { name: 's', file: 'f.js' } } },
    },
    broken: {
      apiVersion: 'k6.io/v1alpha1',
      kind: 'TestRun',
      metadata: { name: 't' },
      spec: { paralelism: 2, script: { configMap: { name: 's', file: 'f.js' } } },
    },
    expect:
      /TestRun\/t: \/spec: must have required property 'parallelism'[\s\S]*\/spec: must NOT have additional properties \(paralelism\)/,
  },
];

describe('validateObject', () => {
  it('accepts a valid core object and rejects a wrong type with its path', () => {
    assert.deepEqual(validateObject(deployment), []);
    const broken = { ...deployment, spec: { ...deployment.spec, replicas: 'two' } };
    assert.deepEqual(validateObject(broken), ['Deployment/gateway: /spec/replicas: must be integer']);
  });

  it('rejects broken core objects of other kinds', () => {
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { ports: [{ port: 'http' }] },
    };
    assert.match(validateObject(service).join('\n'), /Service\/s: \/spec\/ports\/0\/port: must be integer/);
    const role = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'r' },
      rules: [{ apiGroups: [''], resources: ['pods'] }],
    };
    assert.match(
      validateObject(role).join('\n'),
      /Role\/r: \/rules\/0: must have required property '?verbs'?/,
    );
    const netpol = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'n' },
      spec: { podSelector: {}, policyTypes: ['Sideways'] },
    };
    assert.match(
      validateObject(netpol).join('\n'),
      /NetworkPolicy\/n: \/spec\/policyTypes\/0: must be equal to one of the allowed values/,
    );
  });

  for (const c of CUSTOM) {
    it(`accepts a valid ${String(c.valid['kind'])} and rejects a broken one with a useful message`, () => {
      assert.deepEqual(validateObject(c.valid), []);
      assert.match(validateObject(c.broken).join('\n'), c.expect);
    });
  }

  it('rejects a misspelt custom resource field that the API server would prune silently', () => {
    const cr = {
      apiVersion: 'rabbitmq.com/v1beta1',
      kind: 'RabbitmqCluster',
      metadata: { name: 'b' },
      spec: { replica: 3 },
    };
    assert.deepEqual(validateObject(cr), [
      'RabbitmqCluster/b: /spec: must NOT have additional properties (replica)',
    ]);
  });

  it('checks the metadata of custom resources too', () => {
    const cr = {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: 'd', labels: 'x' },
      spec: { instances: 1 },
    };
    assert.match(validateObject(cr).join('\n'), /Cluster\/d: \/metadata\/labels: must be object/);
  });

  it('rejects a kind it has no schema for, a missing name and a non-object', () => {
    assert.match(
      validateObject({ apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g' } }).join(),
      /no schema for example.com\/v1\/Gadget/,
    );
    assert.match(validateObject({ ...deployment, metadata: {} }).join(), /\/metadata\/name: is required/);
    assert.deepEqual(validateObject(null), ['not an object']);
  });
});

import assert from 'node:assert/strict';
import { existsSync, readFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { parse } from 'yaml';
import { CONTROLLER, CONTROLLER_RULES, TOXIPROXY } from '../../chaos/kubernetes/contract.js';
import { PROMETHEUS_ACCOUNT } from './generator/prometheus.js';
import { DEPLOY_DIR, layoutProblems, renderAll, staleFiles } from './generate.js';
import type { Layout } from './generator/layout.js';
import type { K8sObject } from './generator/meta.js';
import { controllerImageFor, parseArgs } from './generator/options.js';

const root = process.cwd();

describe('npm run k8s:generate', function () {
  this.timeout(60000);
  let layout: Layout;
  let files: Map<string, string>;
  before(async () => {
    ({ layout, files } = await renderAll(root, []));
  });

  it('generates only objects that validate against their schemas', () => {
    const count = [...layout.objects.values()].flat().length;
    assert.ok(count > 40, `only ${count} objects`);
    assert.deepEqual(layoutProblems(layout), []);
  });

  it('gives the controller Role exactly CONTROLLER_RULES, bound to its ServiceAccount only', () => {
    const objs = [...layout.objects.values()].flat();
    const roles = objs.filter(
      (o) => o.kind === 'Role' || o.kind === 'ClusterRole' || o.kind === 'ClusterRoleBinding',
    );
    // The controller's, and the stack Prometheus's (read-only target discovery); no cluster-wide role.
    assert.deepEqual(roles.map((r) => [r.kind, r.metadata.name]).sort(), [
      ['Role', CONTROLLER.name],
      ['Role', PROMETHEUS_ACCOUNT],
    ]);
    const role = roles.find((r) => r.metadata.name === CONTROLLER.name);
    assert.deepEqual(role?.['rules'], JSON.parse(JSON.stringify(CONTROLLER_RULES)));
    const binding = objs.find((o) => o.kind === 'RoleBinding' && o.metadata.name === CONTROLLER.name);
    assert.deepEqual(binding?.['subjects'], [{ kind: 'ServiceAccount', name: CONTROLLER.name }]);
    const prometheusRole = roles.find((r) => r.metadata.name === PROMETHEUS_ACCOUNT);
    for (const rule of prometheusRole?.['rules'] as { verbs: string[] }[])
      assert.ok(
        rule.verbs.every((v) => ['get', 'list', 'watch'].includes(v)),
        rule.verbs.join(','),
      );
  });

  it('routes every fleet dependency through Toxiproxy with the link map', () => {
    const links = [...layout.objects.values()].flat().find((o) => o.metadata.name === 'faultline-links');
    const data = links?.['data'] as Record<string, string>;
    const clients = JSON.parse(data['links.json'] ?? '[]') as {
      name: string;
      listen: string;
      upstream: string;
    }[];
    assert.ok(clients.length >= 12);
    for (const l of clients) assert.match(l.listen, new RegExp(`^${TOXIPROXY.name}:210\\d\\d$`), l.name);
    const proxy = JSON.parse(data['toxiproxy.json'] ?? '[]') as { listen: string }[];
    assert.ok(proxy.every((l) => l.listen.startsWith('0.0.0.0:')));
    const byName = Object.fromEntries(clients.map((l) => [l.name, l.upstream]));
    assert.equal(byName['order-postgres'], 'order-db-rw:5432');
    assert.equal(byName['payment-amqp'], 'broker:5672');
    assert.equal(byName['payment-psp'], 'psp:8085');
  });

  it('writes kustomizations whose resources and patch targets exist', () => {
    const paths = new Set(files.keys());
    const provided = (dir: string): K8sObject[] => {
      const k = layout.kustomizations.get(`${dir}/kustomization.yaml`);
      assert.ok(k, `${dir} has no kustomization`);
      return k.resources.flatMap((r) => {
        const p = normalize(join(dir, r));
        if (paths.has(`${p}/kustomization.yaml`)) return provided(p);
        assert.ok(paths.has(p), `${dir}: resource ${r} does not exist`);
        return layout.objects.get(p) ?? [];
      });
    };
    for (const file of layout.kustomizations.keys()) {
      const dir = dirname(file);
      const objects = provided(dir);
      for (const patch of layout.kustomizations.get(file)?.patches ?? []) {
        for (const p of layout.patches.get(normalize(join(dir, patch.path))) ?? []) {
          const hit = objects.some((o) => o.kind === p.kind && o.metadata.name === p.metadata.name);
          assert.ok(hit, `${dir}: patch target ${p.kind}/${p.metadata.name} is not in its resources`);
        }
      }
    }
  });

  it('keeps the psp and carrier simulators at one replica, without an HPA, in the base and the scale overlay', () => {
    const objs = [...layout.objects.values()].flat();
    for (const sim of ['psp', 'carrier']) {
      const d = objs.find((o) => o.kind === 'Deployment' && o.metadata.name === sim);
      assert.equal((d?.['spec'] as { replicas: number }).replicas, 1, sim);
      assert.ok(!objs.some((o) => o.kind === 'HorizontalPodAutoscaler' && o.metadata.name === sim), sim);
      const patched = [...layout.patches.values()].flat().filter((p) => p.metadata.name === sim);
      for (const p of patched) assert.equal((p['spec'] as { replicas?: number }).replicas ?? 1, 1, sim);
    }
    assert.equal(objs.filter((o) => o.kind === 'HorizontalPodAutoscaler').length, 5);
  });

  it('carries every rule group of prometheus/rules/ unchanged in the PrometheusRule', () => {
    const committed = parse(readFileSync(join(root, 'prometheus/rules/slo.rules.yml'), 'utf8')) as {
      groups: unknown[];
    };
    const docs = (files.get('base/monitoring.yaml') ?? '').split(/^---$/m).map((d) => parse(d) as K8sObject);
    const rule = docs.find((d) => d.kind === 'PrometheusRule');
    assert.deepEqual((rule?.['spec'] as { groups: unknown[] }).groups, committed.groups);
  });

  it('detects stale, missing and extra files with --check', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'k8s-check-'));
    try {
      const dir = join(tmp, DEPLOY_DIR);
      for (const [f, text] of files) {
        mkdirSync(dirname(join(dir, f)), { recursive: true });
        writeFileSync(join(dir, f), text);
      }
      assert.deepEqual(staleFiles(tmp, files), []);
      writeFileSync(join(dir, 'base/fleet.yaml'), `${files.get('base/fleet.yaml') ?? ''}# edited by hand\n`);
      rmSync(join(dir, 'overlays/dev/patches.yaml'));
      writeFileSync(join(dir, 'overlays/dev/extra.yaml'), 'kind: ConfigMap\n');
      assert.deepEqual(staleFiles(tmp, files), [
        'base/fleet.yaml',
        'overlays/dev/extra.yaml',
        'overlays/dev/patches.yaml',
      ]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('matches the committed files (run npm run k8s:generate when this fails)', () => {
    assert.deepEqual(staleFiles(root, files), []);
  });

  it('writes documents that a YAML 1.1 parser (kubectl) reads back as the same objects', () => {
    for (const [file, objects] of layout.objects) {
      const text = files.get(file) ?? '';
      const docs = text.split(/^---$/m).map((d) => parse(d, { version: '1.1' }) as K8sObject);
      assert.deepEqual(docs, objects, file);
    }
    assert.match(files.get('base/fleet.yaml') ?? '', /FAULTLINE_VIA_PROXY\n\s+value: ['"]on['"]/);
  });
});

describe('generator options', () => {
  it('names the fleet image by --image and derives the controller image', () => {
    const o = parseArgs(['--image', 'registry.example.com/team/faultline-fleet:1.2.3'], 'faultline');
    assert.equal(o.image, 'registry.example.com/team/faultline-fleet:1.2.3');
    assert.equal(o.controllerImage, 'registry.example.com/team/faultline-controller:1.2.3');
    assert.equal(controllerImageFor('faultline-fleet@sha256:ab'), 'faultline-controller@sha256:ab');
    assert.equal(parseArgs(['--check'], 'faultline').check, true);
  });

  it('rejects an unknown option and a flag without its value', () => {
    assert.throws(() => parseArgs(['--imag', 'x'], 'faultline'), /unknown option --imag/);
    assert.throws(() => parseArgs(['--image'], 'faultline'), /--image needs a value/);
  });

  it('keeps the vendored k6-operator CRD where the runner contract tests load it', () => {
    assert.ok(existsSync(join(root, DEPLOY_DIR, 'schemas/k6-operator/testruns.k6.io.yaml')));
  });
});

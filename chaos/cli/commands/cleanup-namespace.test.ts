import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leaseConfigMap, leaseName } from '../../kubernetes/lease-config-map.js';
import { forbidden } from '../../kubernetes/testing/api-responses.js';
import { FakeApiServer } from '../../kubernetes/testing/fake-api-server.js';
import { runMain } from '../testing/run-main.js';

const NS = 'faultline';
const CM = `/api/v1/namespaces/${NS}/configmaps`;

describe('faultline cleanup --namespace', function () {
  let api: FakeApiServer;
  let dir: string;
  let env: Record<string, string>;

  beforeEach(async function () {
    api = await FakeApiServer.start();
    dir = await mkdtemp(join(tmpdir(), 'faultline-k8s-cleanup-'));
    await writeFile(join(dir, 'kubeconfig'), api.kubeconfigYaml(NS));
    env = { KUBECONFIG: join(dir, 'kubeconfig') };
  });
  afterEach(async function () {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('restores the broker a dead run left in memory alarm and deletes its lease (exit 0)', async function () {
    const state = {
      version: 1 as const,
      runId: 'dead-run',
      controller: { pid: 1, startTicks: 1 },
      createdAt: '2026-12-03T05:00:00Z',
      faults: [
        {
          id: 'dead-run-1',
          kind: 'broker-memory-alarm' as const,
          leaseMs: 60_000,
          recordedAt: '2026-12-03T05:00:00Z',
          previousWatermark: ['0.4'],
        },
      ],
    };
    api.answer(
      {
        method: 'GET',
        path: new RegExp(`^${CM}\\?`),
        status: 200,
        body: { kind: 'ConfigMapList', items: [leaseConfigMap(NS, state, new Date('2026-12-03T05:00:00Z'))] },
      },
      {
        method: 'GET',
        path: new RegExp(`^/api/v1/namespaces/${NS}/pods\\?`),
        status: 200,
        body: { items: [] },
      },
      { method: 'GET', path: /\/exec\?/, exec: { status: 'Success' } },
      { method: 'DELETE', path: `${CM}/${leaseName('dead-run')}`, status: 200, body: {} },
    );
    const run = await runMain(['cleanup', '--namespace', NS], env);
    assert.equal(run.code, 0, run.out + run.err);
    assert.match(run.out, /removed +dead-run +broker-memory-alarm/);
    assert.match(
      run.out,
      /cleanup: 1 undone, 0 failed, 1 run\(s\) cleaned, 0 live run\(s\) skipped \(namespace faultline\)/,
    );
    assert.match(
      run.err,
      /cannot reach the in-cluster Toxiproxy, link faults stay: no running pod app.kubernetes.io\/name=toxiproxy/,
    );
    assert.deepEqual(
      api.requests.filter((r) => r.command !== undefined).map((r) => r.command?.join(' ')),
      ['rabbitmqctl set_vm_memory_high_watermark 0.4'],
    );
  });

  it('exits 5 with the RBAC problem named when the ServiceAccount may not list ConfigMaps (403)', async function () {
    api.answer({
      method: 'GET',
      path: new RegExp(`^${CM}\\?`),
      status: 403,
      body: forbidden('list', 'configmaps', NS),
    });
    const run = await runMain(['cleanup', '--namespace', NS], env);
    assert.equal(run.code, 5);
    assert.match(
      run.err,
      /the Kubernetes API forbids GET \/api\/v1\/namespaces\/faultline\/configmaps \(403: configmaps is forbidden/,
    );
  });

  it('refuses a namespace name that is not a DNS-1123 label (exit 4) without calling the API', async function () {
    const run = await runMain(['cleanup', '--namespace', 'Not_A_Namespace'], env);
    assert.equal(run.code, 4);
    assert.deepEqual(api.requests, []);
  });

  it('exits 5 when no kubeconfig can be read', async function () {
    const run = await runMain(['cleanup', '--namespace', NS], { KUBECONFIG: join(dir, 'missing') });
    assert.equal(run.code, 5);
    assert.match(run.err, /cannot use the kubeconfig/);
  });
});

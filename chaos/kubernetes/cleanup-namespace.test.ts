import assert from 'node:assert/strict';
import { Toxiproxy, type ICreateToxicBody } from 'toxiproxy-node-client';
import type { FaultRecord, RunState } from '../faults/index.js';
import { startProxyServer, type ProxyServer } from '../proxy/index.js';
import { cleanupNamespace } from './cleanup-namespace.js';
import { execBrokerControl } from './exec-broker-control.js';
import { kubePodControl } from './kube-pod-control.js';
import { LEASE_DATA_KEY, leaseConfigMap, leaseName } from './lease-config-map.js';
import { FakeApiServer } from './testing/fake-api-server.js';

const NS = 'faultline';
const CM = `/api/v1/namespaces/${NS}/configmaps`;
const NOW = Date.parse('2026-12-03T06:00:00Z');
const base = { leaseMs: 60_000, recordedAt: '2026-12-03T05:58:00Z' };

function state(runId: string, faults: FaultRecord[]): RunState {
  return { version: 1, runId, controller: { pid: 99999, startTicks: 1 }, createdAt: base.recordedAt, faults };
}

describe('faultline cleanup --namespace (cleanupNamespace)', function () {
  let api: FakeApiServer;
  let proxy: ProxyServer;

  beforeEach(async function () {
    proxy = await startProxyServer({ port: 0 });
    const link = await new Toxiproxy(proxy.url).createProxy({
      name: 'payment-psp',
      listen: '127.0.0.1:0',
      upstream: '127.0.0.1:1',
    });
    await link.addToxic({
      name: 'faultline_dead-1-1',
      type: 'latency',
      stream: 'downstream',
      toxicity: 1,
      attributes: { latency: 500 },
    } as unknown as ICreateToxicBody<never>);
    api = await FakeApiServer.start();
  });
  afterEach(async function () {
    await api.close();
    await proxy.close();
  });

  it('undoes the faults of expired leases only (toxic, memory alarm, kill), then deletes their ConfigMaps', async function () {
    const dead = state('dead-1', [
      {
        ...base,
        id: 'dead-1-1',
        kind: 'toxic',
        proxyUrl: 'http://127.0.0.1:1',
        link: 'payment-psp',
        toxicName: 'faultline_dead-1-1',
        toxic: { type: 'latency', stream: 'downstream', toxicity: 1, attributes: { latency: 500 } },
      },
      { ...base, id: 'dead-1-2', kind: 'broker-memory-alarm', previousWatermark: ['0.4'] },
      {
        ...base,
        id: 'dead-1-3',
        kind: 'process-kill',
        service: 'payment',
        namespace: NS,
        pods: ['payment-1'],
      },
    ]);
    const live = state('live-1', [{ ...base, id: 'live-1-1', kind: 'broker-app-stop' }]);
    api.answer(
      {
        method: 'GET',
        path: new RegExp(`^${CM}\\?labelSelector=`),
        status: 200,
        body: {
          kind: 'ConfigMapList',
          apiVersion: 'v1',
          items: [
            leaseConfigMap(NS, dead, new Date(NOW - 120_000)),
            leaseConfigMap(NS, live, new Date(NOW - 5_000)),
          ],
        },
      },
      { method: 'DELETE', path: `${CM}/${leaseName('dead-1')}`, status: 200, body: {} },
      { method: 'GET', path: /\/pods\/broker-server-0\/exec\?/, exec: { status: 'Success' } },
    );
    const client = api.client(NS);
    const report = await cleanupNamespace({
      client,
      // The recorded proxy URL was the dead controller's port-forward; cleanup uses its own.
      deps: { pods: kubePodControl(client), broker: execBrokerControl(client), proxyUrl: proxy.url },
      now: () => NOW,
    });
    assert.deepEqual(
      report.entries.map((e) => `${e.status} ${e.description}`),
      [
        'already-gone process-kill of payment',
        'removed broker-memory-alarm on the broker',
        'removed toxic latency (downstream) on link payment-psp',
      ],
    );
    assert.deepEqual(report.liveRuns, ['live-1']);
    assert.deepEqual(report.runsCleaned, ['dead-1']);
    const toxics = (await (await fetch(`${proxy.url}/proxies/payment-psp/toxics`)).json()) as unknown[];
    assert.deepEqual(toxics, []);
    assert.deepEqual(
      api.requests.filter((r) => r.command !== undefined).map((r) => r.command?.join(' ')),
      ['rabbitmqctl set_vm_memory_high_watermark 0.4'],
      'the live run was not touched',
    );
    assert.deepEqual(
      api
        .writes()
        .filter((r) => r.command === undefined)
        .map((r) => `${r.method} ${r.path}`),
      [`DELETE ${CM}/${leaseName('dead-1')}`],
    );
  });

  it('keeps a lease with the faults it could not undo, for the next cleanup', async function () {
    const dead = state('dead-2', [{ ...base, id: 'dead-2-1', kind: 'broker-app-stop' }]);
    api.answer(
      {
        method: 'GET',
        path: new RegExp(`^${CM}\\?labelSelector=`),
        status: 200,
        body: {
          kind: 'ConfigMapList',
          apiVersion: 'v1',
          items: [leaseConfigMap(NS, dead, new Date(NOW - 120_000))],
        },
      },
      { method: 'PUT', path: `${CM}/${leaseName('dead-2')}`, status: 200, body: {} },
      {
        method: 'GET',
        path: /\/exec\?/,
        exec: { status: 'Failure', stderr: 'Error: unable to perform an operation on node' },
      },
    );
    const client = api.client(NS);
    const report = await cleanupNamespace({
      client,
      deps: { pods: kubePodControl(client), broker: execBrokerControl(client) },
      now: () => NOW,
    });
    assert.equal(report.failures, 1);
    assert.match(
      report.entries[0]?.detail ?? '',
      /rabbitmqctl start_app in pod broker-server-0 failed: Error: unable to perform/,
    );
    const put = api.writes().find((r) => r.method === 'PUT');
    const kept = JSON.parse(
      (put?.body as { data: Record<string, string> }).data[LEASE_DATA_KEY] ?? '',
    ) as RunState;
    assert.deepEqual(
      kept.faults.map((f) => f.id),
      ['dead-2-1'],
    );
  });

  it('reports a forbidden ConfigMap list (403) as a clear error', async function () {
    api.answer({
      method: 'GET',
      path: new RegExp(`^${CM}\\?`),
      status: 403,
      body: { kind: 'Status', message: 'configmaps is forbidden', code: 403 },
    });
    const client = api.client(NS);
    await assert.rejects(
      cleanupNamespace({ client, deps: { broker: execBrokerControl(client) }, now: () => NOW }),
      { code: 'ERR_K8S_FORBIDDEN' },
    );
  });
});

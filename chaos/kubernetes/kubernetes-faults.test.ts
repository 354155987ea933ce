import assert from 'node:assert/strict';
import { Toxiproxy } from 'toxiproxy-node-client';
import { FaultSession, type FaultDeps, type FaultRequest, type RunState } from '../faults/index.js';
import { startProxyServer, type ProxyServer } from '../proxy/index.js';
import { execBrokerControl } from './exec-broker-control.js';
import { kubePodControl } from './kube-pod-control.js';
import { LEASE_DATA_KEY, LeaseConfigMap } from './lease-config-map.js';
import { deletedPod, forbidden, notFound, podList, WATERMARK_PRINTED } from './testing/api-responses.js';
import { FakeApiServer, type RecordedRequest } from './testing/fake-api-server.js';

const NS = 'faultline';
const CM = `/api/v1/namespaces/${NS}/configmaps`;
const CONTROLLER = { pid: 4242, startTicks: 1 };
const LEASE = { leaseMs: 60_000 };

/** The faults recorded in a lease ConfigMap body the client sent. */
function leaseFaults(request: RecordedRequest): RunState['faults'] {
  const body = request.body as { data: Record<string, string> };
  return (JSON.parse(body.data[LEASE_DATA_KEY] ?? '') as RunState).faults;
}

/** `METHOD path` of each write, with the ConfigMap writes shortened to `lease <n faults>`. */
function writeLog(api: FakeApiServer): string[] {
  return api.writes().map((r) => {
    if (r.path.startsWith(CM) && r.method !== 'DELETE')
      return `${r.method} lease (${leaseFaults(r).length} fault(s))`;
    if (r.command !== undefined) return `exec ${r.command.join(' ')}`;
    return `${r.method} ${r.path}`;
  });
}

describe('kubernetes fault drivers against a fake API server', function () {
  let api: FakeApiServer;
  let runSeq = 0;

  beforeEach(async function () {
    api = await FakeApiServer.start([
      { method: 'POST', path: CM, status: 201 },
      { method: 'PUT', path: new RegExp(`^${CM}/`), status: 200 },
      { method: 'DELETE', path: new RegExp(`^${CM}/`), status: 200 },
    ]);
  });
  afterEach(async function () {
    await api.close();
  });

  async function session(extra: Partial<FaultDeps> = {}, services = ['payment']): Promise<FaultSession> {
    const client = api.client(NS);
    const runId = `k8s-test-${++runSeq}`;
    return FaultSession.start({
      runId,
      stateDir: '/nonexistent',
      controller: CONTROLLER,
      allow: { links: ['payment-psp'], services, brokerDisposable: true, namespace: NS },
      deps: { pods: kubePodControl(client), broker: execBrokerControl(client), ...extra },
      store: await LeaseConfigMap.create(client, runId, CONTROLLER),
    });
  }

  it('kills a service by deleting its pods (grace period 0), recorded in the lease before the delete', async function () {
    api.answer(
      {
        method: 'GET',
        path: `/api/v1/namespaces/${NS}/pods`,
        status: 200,
        body: podList(['payment-7d9-abcde', 'payment-7d9-fghij']),
      },
      { method: 'DELETE', path: /\/pods\/payment-7d9-/, status: 200, body: deletedPod('payment-7d9-abcde') },
    );
    const s = await session();
    const record = await s.apply({ kind: 'process-kill', service: 'payment', ...LEASE });
    assert.deepEqual('pods' in record && record.pods, ['payment-7d9-abcde', 'payment-7d9-fghij']);
    const list = api.requests.find((r) => r.method === 'GET');
    assert.equal(
      list?.path,
      `/api/v1/namespaces/${NS}/pods?labelSelector=${encodeURIComponent('app.kubernetes.io/name=payment,app.kubernetes.io/part-of=faultline')}`,
    );
    const results = await s.close();
    assert.deepEqual(
      results.map((r) => r.outcome?.status),
      ['already-gone'],
      'the Deployment replaces deleted pods',
    );
    assert.deepEqual(writeLog(api), [
      'POST lease (0 fault(s))',
      'PUT lease (1 fault(s))',
      `DELETE /api/v1/namespaces/${NS}/pods/payment-7d9-abcde`,
      `DELETE /api/v1/namespaces/${NS}/pods/payment-7d9-fghij`,
      'PUT lease (0 fault(s))',
      `DELETE ${CM}/faultline-run-k8s-test-${runSeq}`,
    ]);
    const del = api.writes().find((r) => r.path.endsWith('payment-7d9-abcde'));
    assert.deepEqual(del?.body, { apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0 });
  });

  it('restarts a service with a rollout restart (a pod-template annotation, strategic merge patch)', async function () {
    api.answer({
      method: 'PATCH',
      path: `/apis/apps/v1/namespaces/${NS}/deployments/payment`,
      status: 200,
      body: {},
    });
    const s = await session();
    const record = await s.apply({ kind: 'process-restart', service: 'payment', ...LEASE });
    await s.close();
    const patch = api.writes().find((r) => r.method === 'PATCH');
    assert.equal(patch?.contentType, 'application/strategic-merge-patch+json');
    assert.deepEqual(patch?.body, {
      spec: {
        template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': record.recordedAt } } },
      },
    });
  });

  it('stops and starts the broker app with rabbitmqctl via exec in the broker pod', async function () {
    api.answer({
      method: 'GET',
      path: /\/pods\/broker-server-0\/exec\?/,
      exec: { stdout: '', status: 'Success' },
    });
    const s = await session();
    await s.apply({ kind: 'broker-app-stop', ...LEASE });
    const results = await s.close();
    assert.equal(results[0]?.outcome?.status, 'removed');
    const execs = api.requests.filter((r) => r.command !== undefined);
    assert.deepEqual(
      execs.map((r) => r.command),
      [
        ['rabbitmqctl', 'stop_app'],
        ['rabbitmqctl', 'start_app'],
      ],
    );
    assert.match(
      execs[0]?.path ?? '',
      /^\/api\/v1\/namespaces\/faultline\/pods\/broker-server-0\/exec\?.*container=rabbitmq/,
    );
  });

  it('raises the memory alarm and restores the watermark it read first', async function () {
    api.answer({
      method: 'GET',
      path: /\/pods\/broker-server-0\/exec\?/,
      exec: (command) => ({ stdout: command[1] === 'eval' ? WATERMARK_PRINTED : '', status: 'Success' }),
    });
    const s = await session();
    await s.apply({ kind: 'broker-memory-alarm', ...LEASE });
    await s.close();
    assert.deepEqual(
      api.requests.filter((r) => r.command !== undefined).map((r) => r.command?.slice(1).join(' ')),
      [
        'eval vm_memory_monitor:get_vm_memory_high_watermark().',
        'set_vm_memory_high_watermark 0',
        'set_vm_memory_high_watermark 0.4',
      ],
    );
  });

  describe('link faults through the in-cluster Toxiproxy API', function () {
    let proxy: ProxyServer;
    beforeEach(async function () {
      // Stands in for the in-cluster Toxiproxy behind a port-forward: the same v2 API.
      proxy = await startProxyServer({ port: 0 });
      await new Toxiproxy(proxy.url).createProxy({
        name: 'payment-psp',
        listen: '127.0.0.1:0',
        upstream: '127.0.0.1:1',
      });
    });
    afterEach(async function () {
      await proxy.close();
    });

    it('adds the toxic with toxiproxy-node-client, records it in the lease first, and removes it', async function () {
      const s = await session({ proxyUrl: proxy.url });
      const request: FaultRequest = {
        kind: 'toxic',
        link: 'payment-psp',
        toxic: { type: 'latency', stream: 'downstream', toxicity: 1, attributes: { latency: 100 } },
        ...LEASE,
      };
      await s.apply(request);
      const toxics = async (): Promise<number> =>
        ((await (await fetch(`${proxy.url}/proxies/payment-psp/toxics`)).json()) as unknown[]).length;
      assert.equal(await toxics(), 1);
      const recorded = api.writes().find((r) => r.method === 'PUT');
      assert.equal(recorded && leaseFaults(recorded)[0]?.kind, 'toxic');
      await s.close();
      assert.equal(await toxics(), 0);
    });
  });

  describe('bad input: a clear error, and no fault left', function () {
    it('a forbidden pod list (403) refuses the kill before anything is recorded or deleted', async function () {
      api.answer({
        method: 'GET',
        path: `/api/v1/namespaces/${NS}/pods`,
        status: 403,
        body: forbidden('list', 'pods', NS),
      });
      const s = await session();
      await assert.rejects(
        s.apply({ kind: 'process-kill', service: 'payment', ...LEASE }),
        (err: Error & { code?: string }) => {
          assert.equal(err.code, 'ERR_K8S_FORBIDDEN');
          assert.match(
            err.message,
            /forbids GET \/api\/v1\/namespaces\/faultline\/pods \(403: pods is forbidden: User .* cannot list/,
          );
          assert.match(err.message, /CONTROLLER_RULES/);
          return true;
        },
      );
      assert.deepEqual(s.activeFaults(), []);
      assert.deepEqual(writeLog(api), ['POST lease (0 fault(s))']);
    });

    it('a Deployment that is not found (404) fails the restart and leaves no fault in the lease', async function () {
      api.answer({
        method: 'PATCH',
        path: /\/deployments\/payment$/,
        status: 404,
        body: notFound('deployments.apps', 'payment'),
      });
      const s = await session();
      await assert.rejects(
        s.apply({ kind: 'process-restart', service: 'payment', ...LEASE }),
        (err: Error & { cause?: { code?: string; message: string } }) => {
          assert.equal(err.cause?.code, 'ERR_K8S_NOT_FOUND');
          assert.match(err.cause?.message ?? '', /deployments.apps "payment" not found/);
          return true;
        },
      );
      assert.deepEqual(s.activeFaults(), []);
      const last = api
        .writes()
        .filter((r) => r.method === 'PUT')
        .at(-1);
      assert.deepEqual(last && leaseFaults(last), []);
    });

    it('a broker pod that is not found (404) refuses the memory alarm before it is recorded', async function () {
      api.answer({ method: 'GET', path: /\/exec\?/, status: 404, body: notFound('pods', 'broker-server-0') });
      const s = await session();
      await assert.rejects(s.apply({ kind: 'broker-memory-alarm', ...LEASE }), { code: 'ERR_K8S_NOT_FOUND' });
      assert.deepEqual(
        writeLog(api).filter((w) => w.startsWith('PUT')),
        [],
      );
    });

    it('a service without pods refuses the kill with the namespace named', async function () {
      api.answer({ method: 'GET', path: `/api/v1/namespaces/${NS}/pods`, status: 200, body: podList([]) });
      const s = await session();
      await assert.rejects(s.apply({ kind: 'process-kill', service: 'payment', ...LEASE }), {
        code: 'ERR_FAULT_NO_PROCESS',
        message: 'service payment has no pod in namespace faultline',
      });
    });
  });

  it('never sends a request outside its namespace, whatever the caller asks', async function () {
    const client = api.client(NS);
    for (const path of ['/api/v1/namespaces/kube-system/pods', '/api/v1/pods', '/apis/apps/v1/deployments'])
      await assert.rejects(client.request('GET', path), { code: 'ERR_K8S_OUTSIDE_NAMESPACE' });
    await assert.rejects(kubePodControl(api.client('other')).deletePods(['x/../../kube-system/pods/y']), {
      code: 'ERR_K8S_OUTSIDE_NAMESPACE',
    });
    assert.deepEqual(api.requests, [], 'nothing reached the server');
  });
});

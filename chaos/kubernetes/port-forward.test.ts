import assert from 'node:assert/strict';
import { Toxiproxy } from 'toxiproxy-node-client';
import { startProxyServer, type ProxyServer } from '../proxy/index.js';
import { forwardPort, runningPodOf } from './port-forward.js';
import { forbidden, podList } from './testing/api-responses.js';
import { FakeApiServer } from './testing/fake-api-server.js';

const NS = 'faultline';

describe('port-forward to the in-cluster Toxiproxy (fake API server tunnelling to a local proxy)', function () {
  let api: FakeApiServer;
  let proxy: ProxyServer;

  beforeEach(async function () {
    proxy = await startProxyServer({ port: 0 });
    api = await FakeApiServer.start([
      {
        method: 'GET',
        path: `/api/v1/namespaces/${NS}/pods`,
        status: 200,
        body: podList(['toxiproxy-5f7-x']),
      },
      {
        method: 'GET',
        path: new RegExp(`^/api/v1/namespaces/${NS}/pods/toxiproxy-5f7-x/portforward\\?ports=8474$`),
        forwardTo: Number(new URL(proxy.url).port),
      },
    ]);
  });
  afterEach(async function () {
    await api.close();
    await proxy.close();
  });

  it('reaches the Toxiproxy API through the tunnel with toxiproxy-node-client', async function () {
    const client = api.client(NS);
    const pod = await runningPodOf(client, 'toxiproxy');
    assert.equal(pod, 'toxiproxy-5f7-x');
    const forward = await forwardPort(client, pod, 8474);
    try {
      assert.match(forward.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const toxiproxy = new Toxiproxy(forward.url);
      await toxiproxy.createProxy({ name: 'payment-psp', listen: '127.0.0.1:0', upstream: '127.0.0.1:1' });
      assert.deepEqual(Object.keys(await toxiproxy.getAll()), ['payment-psp']);
      assert.ok(
        api.requests.some((r) => r.path.endsWith('/pods/toxiproxy-5f7-x/portforward?ports=8474')),
        'the tunnel went through the pod portforward subresource',
      );
    } finally {
      await forward.close();
    }
  });

  it('fails clearly when listing the pod is forbidden (403)', async function () {
    api.answer({
      method: 'GET',
      path: `/api/v1/namespaces/${NS}/pods`,
      status: 403,
      body: forbidden('list', 'pods', NS),
    });
    await assert.rejects(runningPodOf(api.client(NS), 'toxiproxy'), { code: 'ERR_K8S_FORBIDDEN' });
  });
});

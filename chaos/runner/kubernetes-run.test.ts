import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { Toxiproxy } from 'toxiproxy-node-client';
import { runMain } from '../cli/testing/run-main.js';
import { LEASE_DATA_KEY } from '../kubernetes/lease-config-map.js';
import { namespaceObject, podList } from '../kubernetes/testing/api-responses.js';
import { FakeApiServer } from '../kubernetes/testing/fake-api-server.js';
import { startProxyServer, type ProxyServer } from '../proxy/index.js';

const NS = 'faultline';

/** A small HTTP server answering every request with `answer(path)`. */
async function httpServer(answer: (path: string) => { status: number; body: unknown }): Promise<Server> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const { status, body } = answer(req.url ?? '');
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
const portOf = (s: Server): number => {
  const a = s.address();
  return typeof a === 'object' && a !== null ? a.port : 0;
};

/**
 * A whole `faultline run` in kubernetes mode, from outside the cluster, against stand-ins: a fake
 * API server (pods, port-forwards, lease ConfigMaps), a Toxiproxy-compatible proxy behind the
 * toxiproxy pod's port-forward, a gateway and a Prometheus answering through theirs.
 */
describe('faultline run, kubernetes mode, end to end against stand-ins', function () {
  this.timeout(60_000);
  let api: FakeApiServer;
  let proxy: ProxyServer;
  let gateway: Server;
  let prometheus: Server;
  let dir: string;

  beforeEach(async function () {
    proxy = await startProxyServer({ port: 0 });
    await new Toxiproxy(proxy.url).createProxy({
      name: 'payment-psp',
      listen: '127.0.0.1:0',
      upstream: '127.0.0.1:1',
    });
    gateway = await httpServer((path) => ({
      status: 200,
      body: path.startsWith('/v1/products/') ? { sku: 'x' } : [{ sku: 'a' }],
    }));
    prometheus = await httpServer(() => ({
      status: 200,
      body: { status: 'success', data: { resultType: 'vector', result: [] } },
    }));
    const pods = (name: string): RegExp =>
      new RegExp(
        `^/api/v1/namespaces/${NS}/pods\\?labelSelector=app\\.kubernetes\\.io%2Fname%3D${name}(%2C|$)`,
      );
    const forward = (pod: string): RegExp =>
      new RegExp(`^/api/v1/namespaces/${NS}/pods/${pod}/portforward\\?`);
    api = await FakeApiServer.start([
      { method: 'GET', path: `/api/v1/namespaces/${NS}`, status: 200, body: namespaceObject(NS) },
      { method: 'GET', path: pods('toxiproxy'), status: 200, body: podList(['toxiproxy-0']) },
      { method: 'GET', path: pods('gateway'), status: 200, body: podList(['gateway-0']) },
      { method: 'GET', path: pods('prometheus'), status: 200, body: podList(['prometheus-main-0']) },
      { method: 'GET', path: forward('toxiproxy-0'), forwardTo: Number(new URL(proxy.url).port) },
      { method: 'GET', path: forward('gateway-0'), forwardTo: portOf(gateway) },
      { method: 'GET', path: forward('prometheus-main-0'), forwardTo: portOf(prometheus) },
      {
        method: 'GET',
        path: new RegExp(`^/api/v1/namespaces/${NS}/configmaps\\?`),
        status: 200,
        body: { items: [] },
      },
      { method: 'POST', path: `/api/v1/namespaces/${NS}/configmaps`, status: 201, body: {} },
      { method: 'PUT', path: /\/configmaps\//, status: 200, body: {} },
      { method: 'DELETE', path: /\/configmaps\//, status: 200, body: {} },
    ]);
    dir = await mkdtemp(join(tmpdir(), 'faultline-k8s-e2e-'));
    await writeFile(join(dir, 'kubeconfig'), api.kubeconfigYaml(NS));
  });
  afterEach(async function () {
    await api.close();
    await proxy.close();
    await new Promise((r) => gateway.close(r));
    await new Promise((r) => prometheus.close(r));
    await rm(dir, { recursive: true, force: true });
  });

  it('applies the toxic through the port-forwarded Toxiproxy, keeps the lease, removes everything', async function () {
    const experiment = {
      title: 'k8s stand-in run',
      environment: { mode: 'embedded', allow: { links: ['payment-psp'] } },
      load: { journey: 'browse', rate: { warmup: 2, baseline: 2, inject: 2, recover: 2 } },
      phases: { warmup: '1s', baseline: '1s', inject: '3s', recover: '1s' },
      faults: [
        {
          name: 'slow',
          kind: 'toxic',
          link: 'payment-psp',
          toxic: { type: 'latency', attributes: { latency: 50 } },
          at: '0s',
          duration: '2s',
        },
      ],
      invariants: { reconcile: false },
      evidence: { type: 'promql', query: 'up', objective: '> 0' },
    };
    const file = join(dir, 'x.yaml');
    await writeFile(file, stringify(experiment));
    // The file says embedded: --namespace runs it unchanged in kubernetes mode.
    const run = await runMain(
      ['run', file, '--namespace', NS, '--runs-dir', join(dir, 'runs'), '--state-dir', join(dir, 'state')],
      { KUBECONFIG: join(dir, 'kubeconfig') },
    );
    const text = run.out + run.err;
    // The stand-in Prometheus holds no series: the evidence check is inconclusive (exit 2).
    assert.equal(run.code, 2, text);
    assert.match(text, /verdict inconclusive \(completed\)/);
    assert.match(
      text,
      /pass +every planned arrival started/,
      'the load reached the gateway through its port-forward',
    );
    assert.match(text, /fault slow applied \(toxic on payment-psp\)/, text);
    assert.match(text, /fault slow removed/, text);
    assert.match(text, /proxy check: 0 link\(s\) left/, text);
    const toxics = (await (await fetch(`${proxy.url}/proxies/payment-psp/toxics`)).json()) as unknown[];
    assert.deepEqual(toxics, []);
    const leaseWrites = api.writes().filter((r) => r.path.includes('/configmaps'));
    assert.deepEqual(
      leaseWrites.map(
        (r) =>
          `${r.method} ${r.method === 'DELETE' ? '' : String((JSON.parse((r.body as { data: Record<string, string> }).data[LEASE_DATA_KEY] ?? '') as { faults: unknown[] }).faults.length)}`,
      ),
      ['POST 0', 'PUT 1', 'PUT 0', 'DELETE '],
      'the lease held the toxic while it was applied, and was deleted at the end',
    );
    const [runDir] = await readdir(join(dir, 'runs'));
    const journal = JSON.parse(await readFile(join(dir, 'runs', runDir ?? '', 'journal.json'), 'utf8')) as {
      checks: { id: string; verdict: string }[];
    };
    assert.ok(journal.checks.length > 0, 'the journal was written with its checks');
  });
});

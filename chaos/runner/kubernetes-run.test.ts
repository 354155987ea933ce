import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runMain } from '../cli/testing/run-main.js';
import { LEASE_DATA_KEY } from '../kubernetes/lease-config-map.js';
import { FakeApiServer } from '../kubernetes/testing/fake-api-server.js';
import { startStandIns, type StandIns } from '../kubernetes/testing/stand-in-cluster.js';

const NS = 'faultline';

/**
 * A whole `faultline run` in kubernetes mode, from outside the cluster, against stand-ins: a fake
 * API server (pods, port-forwards, lease ConfigMaps), a Toxiproxy-compatible proxy behind the
 * toxiproxy pod's port-forward, a gateway and a Prometheus answering through theirs.
 */
describe('faultline run, kubernetes mode, end to end against stand-ins', function () {
  this.timeout(60_000);
  let api: FakeApiServer;
  let cluster: StandIns;
  let dir: string;

  beforeEach(async function () {
    cluster = await startStandIns();
    api = await FakeApiServer.start(cluster.routes(NS));
    dir = await mkdtemp(join(tmpdir(), 'faultline-k8s-e2e-'));
    await writeFile(join(dir, 'kubeconfig'), api.kubeconfigYaml(NS));
  });
  afterEach(async function () {
    await api.close();
    await cluster.close();
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
    const toxics = (await (
      await fetch(`${cluster.proxy.url}/proxies/payment-psp/toxics`)
    ).json()) as unknown[];
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

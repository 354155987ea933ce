import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { runMain } from '../cli/testing/run-main.js';
import { forbidden, namespaceObject, notFound, podList } from '../kubernetes/testing/api-responses.js';
import { FakeApiServer } from '../kubernetes/testing/fake-api-server.js';
import { planExperiment } from '../experiment/plan.js';
import { validateExperiment } from '../experiment/validate-experiment.js';
import { listenAddress, traceBlindWarning } from './kubernetes-environment.js';

const FIXTURE = fileURLToPath(
  new URL('../../../chaos/runner/fixtures/short-psp-latency.yaml', import.meta.url),
);
const NS = 'faultline';

/**
 * `faultline run` in kubernetes mode against a fake API server: each bad input stops the run
 * before any fault, with a clear message and exit 5 (environment), and nothing was written to
 * the cluster.
 */
describe('faultline run, kubernetes mode: bad input stops the run with exit 5 and no fault', function () {
  let api: FakeApiServer;
  let dir: string;
  let env: Record<string, string>;

  beforeEach(async function () {
    api = await FakeApiServer.start([
      { method: 'GET', path: `/api/v1/namespaces/${NS}`, status: 200, body: namespaceObject(NS) },
    ]);
    dir = await mkdtemp(join(tmpdir(), 'faultline-k8s-run-'));
    await writeFile(join(dir, 'kubeconfig'), api.kubeconfigYaml(NS));
    env = { KUBECONFIG: join(dir, 'kubeconfig'), PATH: process.env['PATH'] ?? '' };
  });
  afterEach(async function () {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** The runner fixture moved to kubernetes mode, with `faults` and `engine` replaced when given. */
  async function experiment(faults?: unknown[], engine?: string, namespace = NS): Promise<string> {
    const doc = parse(await readFile(FIXTURE, 'utf8')) as Record<string, Record<string, unknown>>;
    doc['environment'] = {
      mode: 'kubernetes',
      namespace,
      allow: { links: ['payment-psp'], services: ['payment'], brokerDisposable: true, namespace },
    };
    if (faults !== undefined) doc['faults'] = faults as never;
    if (engine !== undefined) doc['load'] = { ...doc['load'], engine };
    const file = join(dir, 'k8s.yaml');
    await writeFile(file, stringify(doc));
    return file;
  }

  async function run(file: string): Promise<{ code: number; text: string }> {
    const r = await runMain(
      ['run', file, '--runs-dir', join(dir, 'runs'), '--state-dir', join(dir, 'state')],
      env,
    );
    return { code: r.code, text: r.out + r.err };
  }

  function assertNothingWritten(): void {
    assert.deepEqual(
      api.writes().map((r) => `${r.method} ${r.path}`),
      [],
      'no request changed the cluster',
    );
  }

  it('a namespace that does not exist', async function () {
    const file = await experiment(undefined, undefined, 'nope');
    const r = await run(file);
    assert.equal(r.code, 5, r.text);
    assert.match(r.text, /namespace nope does not exist in the cluster \(deploy the stack first/);
    assertNothingWritten();
  });

  it('a forbidden RBAC answer (403) when listing the pods to kill', async function () {
    api.answer({
      method: 'GET',
      path: `/api/v1/namespaces/${NS}/pods`,
      status: 403,
      body: forbidden('list', 'pods', NS),
    });
    const r = await run(
      await experiment([
        { name: 'kill', kind: 'process-kill', service: 'payment', at: '1s', duration: '2s' },
      ]),
    );
    assert.equal(r.code, 5, r.text);
    assert.match(
      r.text,
      /the Kubernetes API forbids GET \/api\/v1\/namespaces\/faultline\/pods \(403: pods is forbidden/,
    );
    assertNothingWritten();
  });

  it('a broker pod that is not found (404)', async function () {
    api.answer({
      method: 'GET',
      path: `/api/v1/namespaces/${NS}/pods/broker-server-0`,
      status: 404,
      body: notFound('pods', 'broker-server-0'),
    });
    const r = await run(
      await experiment([{ name: 'stop', kind: 'broker-app-stop', at: '1s', duration: '2s' }]),
    );
    assert.equal(r.code, 5, r.text);
    assert.match(r.text, /the broker pod broker-server-0 does not exist in namespace faultline/);
    assertNothingWritten();
  });

  it('a service with no pod to kill', async function () {
    api.answer({ method: 'GET', path: `/api/v1/namespaces/${NS}/pods`, status: 200, body: podList([]) });
    const r = await run(
      await experiment([
        { name: 'kill', kind: 'process-kill', service: 'payment', at: '1s', duration: '2s' },
      ]),
    );
    assert.equal(r.code, 5, r.text);
    assert.match(r.text, /service payment has no running pod in namespace faultline/);
    assertNothingWritten();
  });

  it('a missing k6-operator CRD (404 on testruns)', async function () {
    const r = await run(await experiment(undefined, 'k6-operator'));
    assert.equal(r.code, 5, r.text);
    assert.match(r.text, /the k6-operator CRD testruns\.k6\.io is not installed in the cluster/);
    assertNothingWritten();
  });

  it('refuses a pause fault at validation time (exit 4), before the cluster is contacted', async function () {
    const r = await run(
      await experiment([
        { name: 'pause', kind: 'process-pause', service: 'payment', at: '1s', duration: '2s' },
      ]),
    );
    assert.equal(r.code, 4, r.text);
    assert.match(
      r.text,
      /a process-pause fault is not available in kubernetes mode \(pausing a container needs a node agent/,
    );
    assert.deepEqual(api.requests, []);
  });
});

describe('FAULTLINE_OTLP_LISTEN (the trace receiver address in kubernetes mode)', function () {
  it('reads host:port, port 0 meaning any free port', function () {
    assert.deepEqual(listenAddress('127.0.0.1:0'), { host: '127.0.0.1', port: 0 });
    assert.deepEqual(listenAddress('0.0.0.0:4318'), { host: '0.0.0.0', port: 4318 });
  });

  it('refuses anything else with ERR_K8S_OTLP_LISTEN', function () {
    for (const bad of ['4318', '0.0.0.0', '0.0.0.0:70000', ':4318', 'http://0.0.0.0:4318'])
      assert.throws(() => listenAddress(bad), { code: 'ERR_K8S_OTLP_LISTEN' }, bad);
  });
});

describe('trace checks in a kubernetes-mode run from outside the cluster', function () {
  it('are named in a warning, and no warning without them', async function () {
    const result = validateExperiment(await readFile(FIXTURE, 'utf8'), 'short-psp-latency.yaml');
    assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
    const plan = planExperiment(result.experiment);
    const traceIds = plan.checks.filter((c) => c.spec.type === 'trace').map((c) => c.id);
    assert.ok(traceIds.length >= 2, traceIds.join(','));
    const warning = traceBlindWarning(plan) ?? '';
    for (const id of traceIds) assert.ok(warning.includes(id), `${id} in ${warning}`);
    assert.match(warning, /no fleet spans from outside the cluster/);
    const none = { ...plan, checks: plan.checks.filter((c) => c.spec.type !== 'trace') };
    assert.equal(traceBlindWarning(none), undefined);
  });
});

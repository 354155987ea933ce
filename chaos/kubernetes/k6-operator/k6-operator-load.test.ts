import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { BUILTIN_PROFILES } from '../../../load/profiles/builtin-profiles.js';
import { createPrometheusClient } from '../../assertions/promql/prometheus-client.js';
import { FakeApiServer } from '../testing/fake-api-server.js';
import { k6OperatorRunLoad } from './k6-operator-load.js';
import { testRunName } from './test-run.js';

const NS = 'faultline';
const TESTRUNS = `/apis/k6.io/v1alpha1/namespaces/${NS}/testruns`;
const profile = BUILTIN_PROFILES['smoke']!;

/** A Prometheus stand-in answering /api/v1/query with a vector per scenario, by the query's metric. */
async function fakePrometheus(queries: string[]): Promise<{ url: string; server: Server }> {
  const figures: [RegExp, Record<string, number>][] = [
    [/k6_http_reqs_total\{[^}]*expected_response="false"/, { baseline: 3, inject: 30 }],
    [/k6_http_reqs_total/, { 'warm-up': 4, baseline: 15, inject: 60, recover: 10 }],
    [/k6_dropped_iterations_total/, { inject: 2 }],
    [/k6_iterations_total/, { 'warm-up': 2, baseline: 5, inject: 5, recover: 5 }],
    [/k6_http_req_duration_p99/, { baseline: 0.25, inject: 0.9 }],
    [/k6_http_req_duration_/, { baseline: 0.1, inject: 0.4 }],
  ];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      const query = new URLSearchParams(text).get('query') ?? '';
      queries.push(query);
      const values = figures.find(([re]) => re.test(query))?.[1] ?? {};
      const result = Object.entries(values).map(([scenario, v]) => ({
        metric: { scenario },
        value: [1, String(v)],
      }));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, server };
}

describe('k6-operator load engine', function () {
  let api: FakeApiServer;
  let prom: { url: string; server: Server };
  const queries: string[] = [];

  beforeEach(async function () {
    api = await FakeApiServer.start();
    queries.length = 0;
    prom = await fakePrometheus(queries);
  });
  afterEach(async function () {
    await api.close();
    await new Promise((resolve) => prom.server.close(resolve));
  });

  function engine() {
    return k6OperatorRunLoad({
      client: api.client(NS),
      prometheus: createPrometheusClient({ baseUrl: prom.url }),
      gatewayUrl: `http://gateway.${NS}.svc:8080`,
      remoteWriteUrl: `http://prometheus-operated.${NS}.svc:9090/api/v1/write`,
      parallelism: 2,
      pollMs: 5,
      settleMs: 0,
    });
  }

  it('creates the TestRun, anchors on stage started, reads the figures back from Prometheus, deletes it', async function () {
    const name = testRunName('run-1');
    const stages = ['initialization', 'created', 'started', 'started', 'finished'];
    let polls = 0;
    api.answer(
      { method: 'POST', path: TESTRUNS, status: 201, body: {} },
      { method: 'DELETE', path: `${TESTRUNS}/${name}`, status: 200, body: {} },
    );
    // A route per poll: the stages the operator goes through.
    api.answer({
      method: 'GET',
      path: new RegExp(`^${TESTRUNS}/${name}$`),
      status: 200,
      get body() {
        return { status: { stage: stages[Math.min(polls++, stages.length - 1)] } };
      },
    });
    let started: number | undefined;
    const outcome = await engine().run({
      profile,
      baseUrl: 'unused',
      apiKey: 'k',
      runId: 'run-1',
      signal: new AbortController().signal,
      onStarted: (ms) => (started = ms),
    });
    assert.ok(started !== undefined, 'onStarted was called');
    assert.equal(polls, 5);
    const post = api.requests.find((r) => r.method === 'POST');
    const spec = (
      post?.body as {
        spec: { parallelism: number; arguments: string; runner: { env: { name: string; value: string }[] } };
      }
    ).spec;
    assert.equal(spec.parallelism, 2);
    assert.equal(spec.arguments, '--tag testid=run-1 --out experimental-prometheus-rw');
    const env = Object.fromEntries(spec.runner.env.map((e) => [e.name, e.value]));
    assert.deepEqual(JSON.parse(env['FAULTLINE_PROFILE'] ?? ''), profile);
    assert.equal(env['FAULTLINE_CLUSTER_HOST'], `gateway.${NS}.svc`);
    assert.equal(api.writes().at(-1)?.method, 'DELETE');
    const m = outcome.summary.metrics;
    assert.equal(m['http_reqs{phase:inject}']?.values['count'], 60);
    assert.equal(m['http_req_failed{phase:inject}']?.values['rate'], 0.5);
    assert.equal(m['http_req_duration{phase:inject}']?.values['p(99)'], 900);
    assert.equal(m['dropped_iterations{phase:inject}']?.values['count'], 2);
    assert.equal(m['http_reqs']?.values['count'], 89);
    assert.ok(
      queries.every((q) => q.includes('testid="run-1"')),
      'every query is scoped to the run',
    );
  });

  it('fails with the TestRun named when the operator reports stage error, and still deletes it', async function () {
    const name = testRunName('run-2');
    api.answer(
      { method: 'POST', path: TESTRUNS, status: 201, body: {} },
      { method: 'GET', path: `${TESTRUNS}/${name}`, status: 200, body: { status: { stage: 'error' } } },
      { method: 'DELETE', path: `${TESTRUNS}/${name}`, status: 200, body: {} },
    );
    await assert.rejects(
      engine().run({
        profile,
        baseUrl: 'unused',
        apiKey: 'k',
        runId: 'run-2',
        signal: new AbortController().signal,
      }),
      { code: 'ERR_LOAD_K6_OPERATOR', message: /TestRun faultline-run-2 ended in stage error/ },
    );
    assert.deepEqual(
      api.writes().map((r) => r.method),
      ['POST', 'DELETE'],
    );
  });

  it('reports a missing k6-operator CRD (404 on testruns) as a clear error', async function () {
    await assert.rejects(
      engine().run({
        profile,
        baseUrl: 'unused',
        apiKey: 'k',
        runId: 'run-3',
        signal: new AbortController().signal,
      }),
      {
        code: 'ERR_K8S_NOT_FOUND',
        message: /POST \/apis\/k6.io\/v1alpha1\/namespaces\/faultline\/testruns: not found/,
      },
    );
  });
});

import assert from 'node:assert/strict';
import { bundleK6Scripts } from './bundle-k6.js';

/**
 * Runs the production k6 bundle in Node with stand-ins for the `k6` modules (only their import
 * specifiers are swapped), to check the script's wiring: options, one iteration, headers, metrics.
 */

interface FakeK6 {
  requests: {
    method: string;
    url: string;
    params: { headers: Record<string, string>; tags: Record<string, string> };
  }[];
  checks: Record<string, boolean>[];
  trends: { name: string; value: number }[];
  scenario: { name: string };
}

const FAKES: Record<string, string> = {
  k6: 'export const check = (_v, sets) => { const r = {}; for (const k of Object.keys(sets)) r[k] = sets[k](); globalThis.__fakeK6.checks.push(r); return true; }; export const sleep = () => {};',
  'k6/http': `export default { request(method, url, body, params) {
    globalThis.__fakeK6.requests.push({ method, url, params });
    if (method === 'POST') return { status: 202, body: '{"id":"o-1","status":"pending"}' };
    if (url.includes('/v1/orders/')) return { status: 200, body: '{"status":"completed"}' };
    return { status: 200, body: '{}' };
  } };`,
  'k6/metrics':
    'export class Trend { constructor(name) { this.name = name; } add(value) { globalThis.__fakeK6.trends.push({ name: this.name, value }); } }',
  'k6/execution': 'export default { get scenario() { return globalThis.__fakeK6.scenario; } };',
};

async function loadScript(env: Record<string, string>): Promise<Record<string, unknown>> {
  const [bundle] = await bundleK6Scripts(process.cwd());
  assert.ok(bundle);
  const text = bundle.text.replace(/from "(k6(?:\/[a-z]+)?)"/g, (_m, spec: string) => {
    const fake = FAKES[spec];
    assert.ok(fake, `no fake for ${spec}`);
    return `from "data:text/javascript,${encodeURIComponent(fake)}"`;
  });
  (globalThis as Record<string, unknown>)['__ENV'] = env;
  // A unique comment per load defeats the module cache.
  const url = `data:text/javascript,${encodeURIComponent(`${text}\n// ${Math.random()}`)}`;
  return (await import(url)) as Record<string, unknown>;
}

describe('k6 script bundle, run with stand-in k6 modules', () => {
  let fake: FakeK6;
  beforeEach(() => {
    fake = { requests: [], checks: [], trends: [], scenario: { name: 'inject' } };
    (globalThis as Record<string, unknown>)['__fakeK6'] = fake;
  });

  it('builds options from the profile in FAULTLINE_PROFILE', async () => {
    const profile = {
      name: 'p',
      journey: 'browse',
      phases: [
        {
          phase: 'inject',
          executor: { executor: 'constant-arrival-rate', rate: 3, duration: '2s', preAllocatedVUs: 1 },
        },
      ],
    };
    const script = await loadScript({ FAULTLINE_PROFILE: JSON.stringify(profile) });
    const options = script['options'] as {
      scenarios: Record<string, { tags: unknown }>;
      thresholds: Record<string, string[]>;
    };
    assert.deepEqual(Object.keys(options.scenarios), ['inject']);
    assert.deepEqual(options.scenarios['inject']?.tags, { phase: 'inject' });
    assert.deepEqual(options.thresholds['dropped_iterations{phase:inject}'], ['count==0']);
  });

  it('runs a checkout iteration with a fresh traceparent and the run baggage on every request', async () => {
    const profile = {
      name: 'p',
      journey: 'checkout',
      phases: [{ phase: 'inject', executor: { executor: 'constant-vus', vus: 1, duration: '1s' } }],
    };
    const script = await loadScript({
      FAULTLINE_PROFILE: JSON.stringify(profile),
      RUN_ID: 'r-9',
      BASE_URL: 'http://127.0.0.1:1',
    });
    (script['default'] as () => void)();
    assert.deepEqual(
      fake.requests.map((r) => `${r.method} ${r.url}`),
      ['POST http://127.0.0.1:1/v1/orders', 'GET http://127.0.0.1:1/v1/orders/o-1?wait=2000'],
    );
    const parents = fake.requests.map((r) => r.params.headers['traceparent'] ?? '');
    for (const p of parents) assert.match(p, /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    assert.notEqual(parents[0], parents[1]);
    assert.equal(
      fake.requests[0]?.params.headers['baggage'],
      'faultline.run_id=r-9,faultline.phase=inject,faultline.journey=checkout',
    );
    assert.equal(fake.requests[0]?.params.tags['name'], 'POST /v1/orders');
    assert.equal(fake.trends[0]?.name, 'order_time_to_terminal');
    assert.ok(fake.checks.every((c) => Object.values(c).every(Boolean)));
  });

  it('refuses a non-loopback BASE_URL at init', async () => {
    await assert.rejects(loadScript({ BASE_URL: 'http://example.com' }), /refusing to send load/);
  });

  it('accepts the one in-cluster gateway host a k6-operator TestRun names, and no other', async () => {
    const cluster = { FAULTLINE_CLUSTER_HOST: 'gateway.faultline.svc' };
    await loadScript({ ...cluster, BASE_URL: 'http://gateway.faultline.svc:8080' });
    await assert.rejects(
      loadScript({ ...cluster, BASE_URL: 'http://gateway.other.svc:8080' }),
      /refusing to send load/,
    );
  });

  it('writes the summary data as JSON from handleSummary and keeps a text summary on stdout', async () => {
    const script = await loadScript({ SUMMARY_PATH: 'out.json' });
    const data = { metrics: { iterations: { type: 'counter', values: { count: 3, rate: 1 } } } };
    const files = (script['handleSummary'] as (d: unknown) => Record<string, string>)(data);
    assert.deepEqual(JSON.parse(files['out.json'] ?? ''), data);
    // k6's end-of-test text stays visible: stdout carries the text summary too.
    assert.match(files['stdout'] ?? '', /iterations\.+: count=3 rate=1\/s/);
    assert.match(files['stdout'] ?? '', /summary written to out\.json/);
  });
});

import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { faultAnnotations, postAnnotations } from './grafana-annotations.js';
import { startFakeGrafana } from './testing/fake-grafana.js';

const annotations = faultAnnotations(
  'run-9',
  1_700_000_000_000,
  [
    { name: 'psp-slow', kind: 'toxic', target: 'payment-psp', appliedMs: 1000, removedMs: 5000, errors: [] },
    {
      name: 'psp-down',
      kind: 'link-down',
      target: 'payment-psp',
      appliedMs: 6000,
      removedMs: 7000,
      errors: [],
    },
  ],
  1_700_000_010_000,
);

/** A loopback port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("Grafana annotations over HTTP (a local server standing in for Grafana's API)", () => {
  it('posts one annotation per fault window with a Bearer token', async () => {
    const grafana = await startFakeGrafana();
    try {
      const warnings = await postAnnotations({ url: `${grafana.url}/`, token: 's3cret' }, annotations);
      assert.deepEqual(warnings, []);
      assert.deepEqual(
        grafana.requests.map((r) => [r.method, r.path, r.authorization, r.body.tags.join(',')]),
        [
          ['POST', '/api/annotations', 'Bearer s3cret', 'faultline,run-9,psp-slow'],
          ['POST', '/api/annotations', 'Bearer s3cret', 'faultline,run-9,psp-down'],
        ],
      );
      assert.deepEqual(grafana.requests[0]?.body, annotations[0]);
    } finally {
      await grafana.close();
    }
  });

  it('turns a refusal into one warning per annotation, without the token, and never throws', async () => {
    const grafana = await startFakeGrafana({ status: 401 });
    try {
      const warnings = await postAnnotations({ url: grafana.url, token: 's3cret' }, annotations);
      assert.equal(warnings.length, 2);
      assert.match(warnings[0] ?? '', /annotation psp-slow: .* answered HTTP 401/);
      assert.ok(warnings.every((w) => !w.includes('s3cret')));
    } finally {
      await grafana.close();
    }
  });

  it('turns an unreachable Grafana into warnings', async () => {
    const port = await closedPort();
    const warnings = await postAnnotations({ url: `http://127.0.0.1:${port}`, token: 't' }, annotations);
    assert.equal(warnings.length, 2);
    assert.match(warnings[0] ?? '', /cannot reach http:\/\/127\.0\.0\.1:\d+\/api\/annotations/);
  });
});

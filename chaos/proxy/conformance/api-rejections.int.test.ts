import assert from 'node:assert/strict';
import { conformanceSuite, faultlineOnly } from './suite.js';
import { parseJson, type ToxicJson } from './http.js';

/**
 * Inputs that crash (or silently misbehave on) a real Toxiproxy v2.12.0. Faultline rejects them with
 * 400: a deliberate difference. These inputs are never sent to the real server (its cases are listed
 * as pending, with the difference in the name).
 */
const REJECTED_TOXICS: readonly (readonly [string, Record<string, unknown>])[] = [
  [
    'slicer with average_size 0',
    { type: 'slicer', attributes: { average_size: 0, size_variation: 0, delay: 0 } },
  ],
  [
    'slicer with size_variation > average_size',
    { type: 'slicer', attributes: { average_size: 10, size_variation: 11 } },
  ],
  ['bandwidth with a negative rate', { type: 'bandwidth', attributes: { rate: -1 } }],
  ['latency with a negative latency', { type: 'latency', attributes: { latency: -100 } }],
  ['latency with a negative jitter', { type: 'latency', attributes: { latency: 10, jitter: -1 } }],
  ['slow_close with a negative delay', { type: 'slow_close', attributes: { delay: -1 } }],
  ['timeout with a negative timeout', { type: 'timeout', attributes: { timeout: -1 } }],
  ['reset_peer with a negative timeout', { type: 'reset_peer', attributes: { timeout: -1 } }],
  ['slicer with a negative delay', { type: 'slicer', attributes: { average_size: 10, delay: -1 } }],
  ['a toxicity above 1', { type: 'noop', toxicity: 1.5 }],
  ['a negative toxicity', { type: 'noop', toxicity: -0.1 }],
];

/** Asserts a Toxiproxy-style 400 error body with a non-empty message. */
function assertRejected(res: { status: number; text: string }, what: string): void {
  assert.equal(res.status, 400, `${what}: ${res.text}`);
  assert.ok(res.text.endsWith('\n'), 'error bodies end with a newline');
  const body = JSON.parse(res.text) as { error: string; status: number };
  assert.deepEqual(Object.keys(body), ['error', 'status']);
  assert.equal(body.status, 400);
  assert.ok(body.error.length > 10, `a clear message: ${body.error}`);
}

conformanceSuite('proxy conformance: inputs that crash real Toxiproxy', (cf, server) => {
  const difference = 'Faultline answers 400, Toxiproxy 2.12.0 crashes or misbehaves';
  let proxy = '';

  beforeEach(async () => {
    if (server === 'toxiproxy') return;
    proxy = (await cf.createProxy('reject', '127.0.0.1:1', { enabled: false })).name;
  });

  for (const [what, toxic] of REJECTED_TOXICS) {
    faultlineOnly(server, `rejects creating a toxic: ${what}`, difference, async () => {
      const res = await cf.call('POST', `/proxies/${proxy}/toxics`, { body: { name: 'bad', ...toxic } });
      assertRejected(res, what);
      assert.equal((await cf.call('GET', `/proxies/${proxy}/toxics`)).text, '[]', 'nothing was added');
    });

    faultlineOnly(server, `rejects updating a valid toxic into: ${what}`, difference, async () => {
      const type = toxic['type'] as string;
      const valid = type === 'slicer' ? { average_size: 10, size_variation: 0, delay: 0 } : {};
      await cf.addToxic(proxy, { name: 'good', type, attributes: valid });
      const before = (await cf.call('GET', `/proxies/${proxy}/toxics/good`)).text;
      const res = await cf.call('PATCH', `/proxies/${proxy}/toxics/good`, {
        body: { attributes: toxic['attributes'] ?? {}, toxicity: toxic['toxicity'] ?? 1 },
      });
      assertRejected(res, what);
      const after = await cf.call('GET', `/proxies/${proxy}/toxics/good`);
      assert.equal(after.text, before, 'the toxic is unchanged');
      assert.equal(parseJson<ToxicJson>(after).name, 'good');
    });
  }
});

import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestFleet, type TestFleet } from './fleet-harness.js';
import { startOtlpReceiver } from './otlp-test-receiver.js';

/** The gateway's span attribute for the request id (OTel's captured-request-header convention). */
const REQUEST_ID_ATTRIBUTE = 'http.request.header.x-request-id';

/** Polls `find` every 100 ms until it returns a value (at most 15 s). */
async function eventually<T>(find: () => T | undefined): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const found = find();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('not found within 15 s');
}

const ORDER = { customerId: 'c-gw', items: [{ sku: 'SKU-0001', quantity: 1 }] };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** One key per test, so each test has a token bucket of its own. */
const KEYS = {
  auth: 'auth-key-0000000001',
  bearer: 'bearer-key-00000001',
  rate: 'rate-key-0000000001',
  other: 'other-key-000000001',
  size: 'size-key-0000000001',
  reqid: 'reqid-key-000000001',
  cors: 'cors-key-0000000001',
} as const;

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function call(fleet: TestFleet, path: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(`${fleet.urls.gateway}${path}`, init);
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

const withKey = (key: string, headers: Record<string, string> = {}) => ({ 'x-api-key': key, ...headers });
const postOrder = (key: string, body: unknown = ORDER): RequestInit => ({
  method: 'POST',
  headers: withKey(key, { 'content-type': 'application/json' }),
  body: JSON.stringify(body),
});

function assertProblem(a: Answer, status: number): void {
  assert.equal(a.status, status, JSON.stringify(a.body));
  assert.match(a.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(a.body['status'], status);
  assert.equal(typeof a.body['title'], 'string');
}

describe('the API gateway (real gateway, order and inventory)', function () {
  this.timeout(180000);
  let guarded: TestFleet | undefined;
  let open: TestFleet | undefined;
  let keyDir: string;
  let otlp: Awaited<ReturnType<typeof startOtlpReceiver>> | undefined;

  before(async () => {
    keyDir = mkdtempSync(join(tmpdir(), 'faultline-gw-keys-'));
    const keyFile = join(keyDir, 'keys.txt');
    const fileKeys = (['rate', 'other', 'size', 'reqid', 'cors'] as const).map((k) => `${k}:${KEYS[k]}`);
    writeFileSync(keyFile, `# test keys\n${fileKeys.join('\n')}\n`);
    const only = ['inventory', 'order', 'gateway'] as const;
    otlp = await startOtlpReceiver();
    [guarded, open] = await Promise.all([
      startTestFleet({
        only,
        env: {
          OTEL_EXPORTER_OTLP_ENDPOINT: otlp.endpoint,
          OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
          OTEL_BSP_SCHEDULE_DELAY: '200',
        },
        serviceEnv: {
          gateway: {
            GATEWAY_API_KEYS: `auth:${KEYS.auth},bearer:${KEYS.bearer}`,
            GATEWAY_API_KEYS_FILE: keyFile,
            // One token per 100 s: an emptied bucket stays empty for the whole test.
            GATEWAY_RATE_LIMIT_RPS: '0.01',
            GATEWAY_RATE_LIMIT_BURST: '5',
            GATEWAY_BODY_LIMIT: '1kb',
          },
        },
      }),
      startTestFleet({
        only,
        serviceEnv: {
          gateway: {
            GATEWAY_RATE_LIMIT: 'off',
            GATEWAY_RATE_LIMIT_RPS: '0.01',
            GATEWAY_RATE_LIMIT_BURST: '1',
            GATEWAY_CORS_ORIGINS: 'http://app.example',
            BREAKER_THRESHOLD: '2',
            BREAKER_HALF_OPEN_MS: '60000',
          },
        },
      }),
    ]);
  });
  after(async () => {
    await Promise.allSettled([guarded?.cleanup(), open?.cleanup()]);
    await otlp?.close();
    rmSync(keyDir, { recursive: true, force: true });
  });

  describe('with API keys configured', () => {
    it('answers 401 problem+json with WWW-Authenticate when the key is missing', async () => {
      const a = await call(guarded!, '/v1/products');
      assertProblem(a, 401);
      assert.equal(a.headers.get('www-authenticate'), 'Bearer realm="faultline"');
    });

    it('answers 401 problem+json when the key is wrong, in either header', async () => {
      const wrong = await call(guarded!, '/v1/products', { headers: withKey('not-a-configured-key') });
      assertProblem(wrong, 401);
      assert.match(wrong.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
      const bearer = await call(guarded!, '/v1/orders', {
        method: 'POST',
        headers: { authorization: 'Bearer not-a-configured-key', 'content-type': 'application/json' },
        body: JSON.stringify(ORDER),
      });
      assertProblem(bearer, 401);
    });

    it('lets a configured key through: 200 for products and 202 for an order', async () => {
      const products = await call(guarded!, '/v1/products', { headers: withKey(KEYS.auth) });
      assert.equal(products.status, 200);
      assert.ok(Array.isArray(products.body['items']));
      const placed = await call(guarded!, '/v1/orders', postOrder(KEYS.auth));
      assert.equal(placed.status, 202);
      assert.equal(typeof placed.body['id'], 'string');
      assert.equal(placed.headers.get('location'), `/v1/orders/${String(placed.body['id'])}`);
    });

    it('accepts the key as Authorization: Bearer and from the key file', async () => {
      const bearer = await call(guarded!, '/v1/products', {
        headers: { authorization: `Bearer ${KEYS.bearer}` },
      });
      assert.equal(bearer.status, 200);
      const fromFile = await call(guarded!, '/v1/products', { headers: withKey(KEYS.other) });
      assert.equal(fromFile.status, 200);
    });

    it('refuses a key past its burst with 429, RateLimit headers and Retry-After', async () => {
      const remaining: string[] = [];
      for (let i = 0; i < 5; i++) {
        const a = await call(guarded!, '/v1/products/SKU-0001', { headers: withKey(KEYS.rate) });
        assert.equal(a.status, 200, `request ${i + 1} of the burst`);
        assert.equal(a.headers.get('ratelimit-policy'), '"gateway";q=5;w=500');
        remaining.push(a.headers.get('ratelimit') ?? '');
      }
      assert.deepEqual(
        remaining.map((h) => /;r=(\d+);/.exec(h)?.[1]),
        ['4', '3', '2', '1', '0'],
      );
      const refused = await call(guarded!, '/v1/products/SKU-0001', { headers: withKey(KEYS.rate) });
      assertProblem(refused, 429);
      assert.equal(refused.headers.get('ratelimit-policy'), '"gateway";q=5;w=500');
      assert.match(refused.headers.get('ratelimit') ?? '', /^"gateway";r=0;t=\d+$/);
      const retryAfter = Number(refused.headers.get('retry-after'));
      assert.ok(retryAfter >= 1 && retryAfter <= 100, `Retry-After ${retryAfter}`);
      // The bucket is per key: another key is unaffected.
      const other = await call(guarded!, '/v1/products/SKU-0001', { headers: withKey(KEYS.other) });
      assert.equal(other.status, 200);
    });

    it('refuses a body over the size limit with 413 problem+json, and takes one under it', async () => {
      const big = { ...ORDER, padding: 'x'.repeat(2048) };
      assertProblem(await call(guarded!, '/v1/orders', postOrder(KEYS.size, big)), 413);
      const small = await call(guarded!, '/v1/orders', postOrder(KEYS.size));
      assert.equal(small.status, 202);
    });

    it('echoes a sane X-Request-Id and replaces a bad one with a UUID', async () => {
      const kept = await call(guarded!, '/v1/products', {
        headers: withKey(KEYS.reqid, { 'x-request-id': 'test-req-42' }),
      });
      assert.equal(kept.status, 200);
      assert.equal(kept.headers.get('x-request-id'), 'test-req-42');
      const traceId = randomBytes(16).toString('hex');
      await call(guarded!, '/v1/products', {
        headers: withKey(KEYS.reqid, {
          'x-request-id': 'traced-req-7',
          traceparent: `00-${traceId}-${'1'.repeat(16)}-01`,
        }),
      });
      const serverSpan = await eventually(() =>
        otlp!.spans.find(
          (s) => s.service === 'gateway' && s.traceId === traceId && s.parentSpanId === '1'.repeat(16),
        ),
      );
      assert.ok(
        REQUEST_ID_ATTRIBUTE in serverSpan.attributes,
        `server span attributes: ${JSON.stringify(serverSpan.attributes)}`,
      );
      const replaced = await call(guarded!, '/v1/products', {
        headers: withKey(KEYS.reqid, { 'x-request-id': 'has spaces and "quotes"' }),
      });
      assert.match(replaced.headers.get('x-request-id') ?? '', UUID);
      const generated = await call(guarded!, '/v1/products');
      assert.equal(generated.status, 401);
      assert.match(generated.headers.get('x-request-id') ?? '', UUID, 'errors carry a request id too');
    });

    it('sends no CORS headers by default, and answers a preflight like any unauthenticated call', async () => {
      const a = await call(guarded!, '/v1/products', {
        headers: withKey(KEYS.cors, { origin: 'http://app.example' }),
      });
      assert.equal(a.status, 200);
      assert.equal(a.headers.get('access-control-allow-origin'), null);
      const preflight = await call(guarded!, '/v1/orders', {
        method: 'OPTIONS',
        headers: { origin: 'http://app.example', 'access-control-request-method': 'POST' },
      });
      assert.equal(preflight.headers.get('access-control-allow-origin'), null);
      assert.equal(preflight.status, 401);
    });

    it('shows auth and rate limit on the loopback admin port, with key labels and never a key', async () => {
      const res = await fetch(`${guarded!.adminUrls.gateway}/v1/admin/config`);
      assert.equal(res.status, 200);
      const text = await res.text();
      for (const key of Object.values(KEYS)) assert.ok(!text.includes(key), 'a key is shown');
      const view = JSON.parse(text) as { config: Record<string, unknown>; switches: Record<string, boolean> };
      assert.deepEqual(view.config['auth'], {
        mode: 'api-key',
        keys: ['auth', 'bearer', 'rate', 'other', 'size', 'reqid', 'cors'],
      });
      assert.deepEqual(view.config['rateLimit'], {
        mode: 'token-bucket',
        per: 'api-key',
        ratePerSec: 0.01,
        burst: 5,
      });
      assert.equal(view.config['cors'], 'off');
    });

    it('answers an unknown API version with 404 problem+json naming the versions served', async () => {
      const a = await call(guarded!, '/v2/orders', { headers: withKey(KEYS.cors) });
      assertProblem(a, 404);
      assert.match(String(a.body['detail']), /v2 .*supported: v1/);
    });
  });

  describe('with no key configured and rate limiting switched off', () => {
    it('runs open: a request without a key gets through', async () => {
      const a = await call(open!, '/v1/products');
      assert.equal(a.status, 200);
      const view = (await (await fetch(`${open!.adminUrls.gateway}/v1/admin/config`)).json()) as {
        config: Record<string, unknown>;
      };
      assert.deepEqual(view.config['auth'], { mode: 'off' });
      assert.deepEqual(view.config['rateLimit'], { mode: 'off' });
    });

    it('never refuses past the (tiny) burst and sends no RateLimit headers', async () => {
      for (let i = 0; i < 3; i++) {
        const a = await call(open!, '/v1/products/SKU-0002');
        assert.equal(a.status, 200, `request ${i + 1}`);
        assert.equal(a.headers.get('ratelimit'), null);
      }
    });

    it('allows CORS for a configured origin only', async () => {
      const allowed = await call(open!, '/v1/products', { headers: { origin: 'http://app.example' } });
      assert.equal(allowed.headers.get('access-control-allow-origin'), 'http://app.example');
      assert.match(allowed.headers.get('access-control-expose-headers') ?? '', /X-Request-Id/);
      const preflight = await call(open!, '/v1/orders', {
        method: 'OPTIONS',
        headers: { origin: 'http://app.example', 'access-control-request-method': 'POST' },
      });
      assert.equal(preflight.status, 204);
      assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /X-API-Key/);
      const other = await call(open!, '/v1/products', { headers: { origin: 'http://evil.example' } });
      assert.equal(other.headers.get('access-control-allow-origin'), null);
    });
  });

  // Last: it leaves the open fleet without its order service.
  describe('when order is down', () => {
    it('answers 502 while the breaker counts failures, then 503 with Retry-After once it is open', async () => {
      await open!.stopService('order');
      // POSTs without an Idempotency-Key are not retried: one failure each.
      const post = (): Promise<Answer> =>
        call(open!, '/v1/orders', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(ORDER),
        });
      assertProblem(await post(), 502);
      assertProblem(await post(), 502);
      const fast = await post();
      assertProblem(fast, 503);
      assert.equal(fast.headers.get('retry-after'), '60');
      assert.match(String(fast.body['detail']), /gateway-order.*circuit breaker is open/);
      // The other downstream has its own breaker.
      assert.equal((await call(open!, '/v1/products')).status, 200);
    });
  });
});

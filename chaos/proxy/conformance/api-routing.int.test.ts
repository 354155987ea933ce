import assert from 'node:assert/strict';
import { conformanceSuite } from './suite.js';

const REQUEST_ID = 'x-toxiproxy-request-id';

conformanceSuite('proxy conformance: routing, version and browser blocking', (cf) => {
  it('answers GET /version exactly as Toxiproxy 2.12.0: {"version": "2.12.0"} with a space, no "v" and a newline', async () => {
    const res = await cf.call('GET', '/version');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json;charset=utf-8');
    assert.equal(res.text, '{"version": "2.12.0"}\n');
  });

  it('puts a 20-character X-Toxiproxy-Request-Id on every matched route, errors included', async () => {
    for (const [method, path] of [
      ['GET', '/version'],
      ['GET', '/proxies'],
      ['GET', '/proxies/definitely-missing'],
    ] as const) {
      const res = await cf.call(method, path);
      assert.match(res.headers.get(REQUEST_ID) ?? '', /^[0-9a-v]{20}$/, `${method} ${path}`);
    }
    const a = await cf.call('GET', '/version');
    const b = await cf.call('GET', '/version');
    assert.notEqual(a.headers.get(REQUEST_ID), b.headers.get(REQUEST_ID));
  });

  it('refuses a Mozilla/ user agent with 403 "User agent not allowed" as text/plain', async () => {
    const ua = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36';
    for (const path of ['/version', '/proxies']) {
      const res = await cf.call('GET', path, { headers: { 'user-agent': ua } });
      assert.equal(res.status, 403, path);
      assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
      assert.equal(res.text, 'User agent not allowed\n');
      assert.match(res.headers.get(REQUEST_ID) ?? '', /^[0-9a-v]{20}$/, 'the 403 comes from a matched route');
    }
    const created = await cf.call('POST', '/proxies', {
      headers: { 'user-agent': ua },
      body: { name: cf.name('browser'), listen: '127.0.0.1:0', upstream: '127.0.0.1:1', enabled: false },
    });
    assert.equal(created.status, 403, 'a browser cannot create proxies');
  });

  it('lets non-browser user agents through (node, curl, toxiproxy-cli)', async () => {
    for (const ua of ['node', 'curl/8.5.0', 'toxiproxy-cli/2.12.0 linux/amd64']) {
      const res = await cf.call('GET', '/proxies', { headers: { 'user-agent': ua } });
      assert.equal(res.status, 200, ua);
    }
  });

  it('answers unknown routes with a plain-text 404 and no request id', async () => {
    for (const path of ['/nope', '/proxies/x/toxics/y/z', '/']) {
      const res = await cf.call('GET', path);
      assert.equal(res.status, 404, path);
      assert.equal(res.text, '404 page not found\n');
      assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
      assert.equal(res.headers.get(REQUEST_ID), null);
    }
  });

  it('treats a trailing slash as an unknown route (404 page not found)', async () => {
    const proxy = await cf.createProxy('slash', '127.0.0.1:1', { enabled: false });
    const res = await cf.call('GET', `/proxies/${proxy.name}/`);
    assert.equal(res.status, 404);
    assert.equal(res.text, '404 page not found\n');
  });

  it('answers a known route with the wrong method with 405, an empty body, no Content-Type and no request id', async () => {
    const proxy = await cf.createProxy('method', '127.0.0.1:1', { enabled: false });
    for (const [method, path] of [
      ['PUT', '/proxies'],
      ['DELETE', '/version'],
      ['GET', '/reset'],
      ['GET', '/populate'],
      ['PUT', `/proxies/${proxy.name}`],
      ['PUT', `/proxies/${proxy.name}/toxics`],
    ] as const) {
      const res = await cf.call(method, path);
      assert.equal(res.status, 405, `${method} ${path}`);
      assert.equal(res.text, '', `${method} ${path}`);
      assert.equal(res.headers.get('content-type'), null, `${method} ${path}`);
      assert.equal(res.headers.get(REQUEST_ID), null, `${method} ${path}`);
    }
  });

  it('creates a proxy whose name contains a slash but can never address it (404)', async () => {
    const name = `${cf.name('slash')}/sub`;
    const created = await cf.call('POST', '/proxies', {
      body: { name, listen: '127.0.0.1:0', upstream: '127.0.0.1:1', enabled: false },
    });
    assert.equal(created.status, 201);
    const res = await cf.call('GET', `/proxies/${name}`);
    assert.equal(res.status, 404);
  });
});

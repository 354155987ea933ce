import assert from 'node:assert/strict';
import net from 'node:net';
import type { Conformance } from './harness.js';
import { conformanceSuite } from './suite.js';
import { errorBody, parseJson, splitHostPort, type ProxyJson } from './http.js';

/** The exact serialization of a proxy with no toxics, in Toxiproxy's key order. */
function proxyText(p: { name: string; listen: string; upstream: string; enabled: boolean }): string {
  return `{"name":${JSON.stringify(p.name)},"listen":${JSON.stringify(p.listen)},"upstream":${JSON.stringify(
    p.upstream,
  )},"enabled":${p.enabled},"Logger":{},"toxics":[]}`;
}

/** Holds a loopback port busy until the test ends. */
async function blockPort(cf: Conformance): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  cf.defer(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as net.AddressInfo).port;
}

conformanceSuite('proxy conformance: /proxies', (cf) => {
  it('lists no proxies as an empty JSON object', async () => {
    const res = await cf.call('GET', '/proxies');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json');
    assert.equal(res.text, '{}');
  });

  it('creates a proxy with 201 and the exact key order including "Logger":{}, listen resolved to the bound port', async () => {
    const name = cf.name('create');
    const res = await cf.call('POST', '/proxies', {
      body: { name, listen: '127.0.0.1:0', upstream: 'example:1' },
    });
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('content-type'), 'application/json');
    const body = parseJson<ProxyJson>(res);
    const { host, port } = splitHostPort(body.listen);
    assert.equal(host, '127.0.0.1');
    assert.ok(port > 0, `bound port in ${body.listen}`);
    assert.equal(res.text, proxyText({ name, listen: body.listen, upstream: 'example:1', enabled: true }));
    const got = await cf.call('GET', `/proxies/${name}`);
    assert.equal(got.status, 200);
    assert.equal(got.text, res.text);
  });

  it('reports localhost:<port> as 127.0.0.1:<port>', async () => {
    const port = await cf.closedPort();
    const proxy = await cf.createProxy('localhost', '127.0.0.1:1', { listen: `localhost:${port}` });
    assert.equal(proxy.listen, `127.0.0.1:${port}`);
  });

  it('stores a disabled proxy without binding and keeps its listen string verbatim', async () => {
    const proxy = await cf.createProxy('disabled', 'upstream-host:5432', { enabled: false });
    assert.equal(proxy.listen, '127.0.0.1:0');
    assert.equal(proxy.enabled, false);
    const enabled = await cf.updateProxy(proxy.name, { enabled: true });
    assert.equal(enabled.enabled, true);
    assert.notEqual(splitHostPort(enabled.listen).port, 0);
    const probe = await cf.connect(enabled.listen);
    assert.equal(probe.endKind, 'open');
  });

  it('lists proxies as an object keyed by name in sorted order', async () => {
    const b = await cf.createProxy('b', '127.0.0.1:1', { enabled: false });
    const a = await cf.createProxy('a', '127.0.0.1:1', { enabled: false });
    const res = await cf.call('GET', '/proxies');
    assert.equal(res.status, 200);
    const body = parseJson<Record<string, ProxyJson>>(res);
    const ours = Object.keys(body).filter((k) => k === a.name || k === b.name);
    assert.deepEqual(ours, [a.name, b.name].sort());
    assert.equal(body[a.name]?.upstream, '127.0.0.1:1');
    assert.ok(res.text.includes(`${JSON.stringify(a.name)}:${proxyText(a)}`), res.text);
  });

  it('rejects a missing or empty name before a missing upstream (400)', async () => {
    const cases: [unknown, string][] = [
      [{ upstream: 'x:1' }, 'missing required field: name'],
      [{ name: '', upstream: 'x:1' }, 'missing required field: name'],
      [{}, 'missing required field: name'],
      [{ name: cf.name('noup') }, 'missing required field: upstream'],
      [{ name: cf.name('emptyup'), upstream: '' }, 'missing required field: upstream'],
    ];
    for (const [body, message] of cases) {
      const res = await cf.call('POST', '/proxies', { body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.text, errorBody(message, 400));
      assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    }
  });

  it('rejects a duplicate proxy name with 409 "proxy already exists"', async () => {
    const proxy = await cf.createProxy('dup', '127.0.0.1:1', { enabled: false });
    const res = await cf.call('POST', '/proxies', { body: { name: proxy.name, upstream: '127.0.0.1:2' } });
    assert.equal(res.status, 409);
    assert.equal(res.text, errorBody('proxy already exists', 409));
  });

  it('answers 500 with the Go bind error when the listen port is busy, and does not add the proxy', async () => {
    const port = await blockPort(cf);
    const name = cf.name('busy');
    const res = await cf.call('POST', '/proxies', {
      body: { name, listen: `127.0.0.1:${port}`, upstream: 'x:1' },
    });
    assert.equal(res.status, 500);
    assert.equal(res.text, errorBody(`listen tcp 127.0.0.1:${port}: bind: address already in use`, 500));
    assert.equal((await cf.call('GET', `/proxies/${name}`)).status, 404);
  });

  it('answers 404 "proxy not found" for every route of a missing proxy', async () => {
    const routes = [
      ['GET', '/proxies/missing'],
      ['PATCH', '/proxies/missing'],
      ['POST', '/proxies/missing'],
      ['DELETE', '/proxies/missing'],
      ['GET', '/proxies/missing/toxics'],
      ['POST', '/proxies/missing/toxics'],
      ['GET', '/proxies/missing/toxics/t'],
      ['PATCH', '/proxies/missing/toxics/t'],
      ['DELETE', '/proxies/missing/toxics/t'],
    ] as const;
    for (const [method, path] of routes) {
      const res = await cf.call(method, path, {
        body: method === 'GET' || method === 'DELETE' ? undefined : '{}',
      });
      assert.equal(res.status, 404, `${method} ${path}`);
      assert.equal(res.text, errorBody('proxy not found', 404), `${method} ${path}`);
    }
  });

  it('deletes a proxy with 204 and an empty body, closing its live connections', async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('delete', echo.address);
    const client = await cf.connect(proxy.listen);
    await client.roundTrip('hello');
    const res = await cf.call('DELETE', `/proxies/${proxy.name}`);
    assert.equal(res.status, 204);
    assert.equal(res.text, '');
    assert.equal(await client.waitForEnd(2000), 'fin');
    assert.equal((await cf.call('GET', `/proxies/${proxy.name}`)).status, 404);
    assert.equal((await cf.call('DELETE', `/proxies/${proxy.name}`)).status, 404);
  });

  it('updates with PATCH: omitted fields kept, name ignored, new upstream used by new connections', async () => {
    const first = await cf.echo();
    const second = await cf.echo();
    const proxy = await cf.createProxy('patch', first.address);
    const res = await cf.call('PATCH', `/proxies/${proxy.name}`, {
      body: { name: 'renamed', upstream: second.address },
    });
    assert.equal(res.status, 200);
    const body = parseJson<ProxyJson>(res);
    assert.equal(body.name, proxy.name);
    assert.equal(body.upstream, second.address);
    assert.equal(body.enabled, true);
    const client = await cf.connect(body.listen);
    await client.roundTrip('x');
    assert.equal(second.accepted.length, 1);
    assert.equal((await cf.call('GET', '/proxies/renamed')).status, 404);
  });

  it('accepts the deprecated POST /proxies/{name} as an update', async () => {
    const proxy = await cf.createProxy('postupdate', '127.0.0.1:1');
    const res = await cf.call('POST', `/proxies/${proxy.name}`, { body: { enabled: false } });
    assert.equal(res.status, 200);
    assert.equal(parseJson<ProxyJson>(res).enabled, false);
  });

  it('re-binds on a new port when PATCHed with listen 127.0.0.1:0, closing old connections', async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('rebind', echo.address);
    const client = await cf.connect(proxy.listen);
    await client.roundTrip('a');
    await cf.addToxic(proxy.name, { type: 'noop', name: 'survivor' });
    const moved = await cf.updateProxy(proxy.name, { listen: '127.0.0.1:0' });
    assert.notEqual(moved.listen, proxy.listen);
    assert.deepEqual(
      moved.toxics.map((t) => t.name),
      ['survivor'],
      'toxics survive a move',
    );
    assert.equal(await client.waitForEnd(2000), 'fin');
    const again = await cf.connect(moved.listen);
    await again.roundTrip('b');
  });

  it('answers 500 for an unresolvable listen in a PATCH and changes nothing', async () => {
    const proxy = await cf.createProxy('badlisten', '127.0.0.1:1');
    const res = await cf.call('PATCH', `/proxies/${proxy.name}`, { body: { listen: 'bad:addr:x' } });
    assert.equal(res.status, 500);
    assert.equal(res.text, errorBody('address bad:addr:x: too many colons in address', 500));
    const after = parseJson<ProxyJson>(await cf.call('GET', `/proxies/${proxy.name}`));
    assert.equal(after.listen, proxy.listen);
    assert.equal(after.enabled, true);
  });

  it('keeps live connections when a PATCH changes nothing, and disabling twice is harmless', async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('noop-patch', echo.address);
    const client = await cf.connect(proxy.listen);
    await client.roundTrip('a');
    const same = await cf.updateProxy(proxy.name, {
      upstream: echo.address,
      listen: proxy.listen,
      enabled: true,
    });
    assert.equal(same.listen, proxy.listen);
    await client.roundTrip('b');
    assert.equal(client.endKind, 'open');
    await cf.updateProxy(proxy.name, { enabled: false });
    const again = await cf.updateProxy(proxy.name, { enabled: false });
    assert.equal(again.enabled, false);
  });

  it('answers 500 when enabling a proxy whose listen port is busy, leaving it disabled', async () => {
    const port = await blockPort(cf);
    const proxy = await cf.createProxy('enablebusy', '127.0.0.1:1', {
      listen: `127.0.0.1:${port}`,
      enabled: false,
    });
    const res = await cf.call('PATCH', `/proxies/${proxy.name}`, { body: { enabled: true } });
    assert.equal(res.status, 500);
    assert.equal(res.text, errorBody(`listen tcp 127.0.0.1:${port}: bind: address already in use`, 500));
    const after = parseJson<ProxyJson>(await cf.call('GET', `/proxies/${proxy.name}`));
    assert.equal(after.enabled, false);
  });

  it('answers 500 when moving an enabled proxy onto a busy port, leaving it disabled with the new address', async () => {
    const port = await blockPort(cf);
    const proxy = await cf.createProxy('movebusy', '127.0.0.1:1');
    const res = await cf.call('PATCH', `/proxies/${proxy.name}`, { body: { listen: `127.0.0.1:${port}` } });
    assert.equal(res.status, 500);
    assert.equal(res.text, errorBody(`listen tcp 127.0.0.1:${port}: bind: address already in use`, 500));
    const after = parseJson<ProxyJson>(await cf.call('GET', `/proxies/${proxy.name}`));
    assert.equal(after.enabled, false);
    assert.equal(after.listen, `127.0.0.1:${port}`);
  });
});

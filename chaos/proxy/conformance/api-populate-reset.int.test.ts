import assert from 'node:assert/strict';
import net from 'node:net';
import { conformanceSuite } from './suite.js';
import { errorBody, parseJson, type ProxyJson } from './http.js';

interface PopulateBody {
  proxies: ProxyJson[] | null;
  error?: string;
  status?: number;
}

conformanceSuite('proxy conformance: /populate and /reset', (cf) => {
  async function blockPort(): Promise<number> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    cf.defer(() => new Promise<void>((resolve) => server.close(() => resolve())));
    return (server.address() as net.AddressInfo).port;
  }

  it('creates proxies with 201 {"proxies":[...]}, enabled by default, a disabled one keeping its listen', async () => {
    const on = cf.name('on');
    const off = cf.name('off');
    const res = await cf.call('POST', '/populate', {
      body: [
        { name: on, listen: '127.0.0.1:0', upstream: '127.0.0.1:1' },
        { name: off, listen: '127.0.0.1:0', upstream: '127.0.0.1:1', enabled: false },
      ],
    });
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('content-type'), 'application/json');
    const body = parseJson<PopulateBody>(res);
    assert.deepEqual(Object.keys(body), ['proxies']);
    assert.deepEqual(
      body.proxies?.map((p) => [p.name, p.enabled]),
      [
        [on, true],
        [off, false],
      ],
    );
    assert.notEqual(body.proxies?.[0]?.listen, '127.0.0.1:0');
    assert.equal(body.proxies?.[1]?.listen, '127.0.0.1:0');
    assert.ok(res.text.startsWith(`{"proxies":[{"name":${JSON.stringify(on)},"listen":`), res.text);
  });

  it('answers an empty array with 201 {"proxies":null}', async () => {
    const res = await cf.call('POST', '/populate', { body: [] });
    assert.equal(res.status, 201);
    assert.equal(res.text, '{"proxies":null}');
  });

  it('validates every item first: a later item without a name creates nothing (400 JSON, no newline)', async () => {
    const first = cf.name('valid');
    const res = await cf.call('POST', '/populate', {
      body: [{ name: first, listen: '127.0.0.1:0', upstream: '127.0.0.1:1' }, { upstream: '127.0.0.1:1' }],
    });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('content-type'), 'application/json');
    assert.equal(res.text, '{"error":"missing required field: name at proxy 2","status":400,"proxies":null}');
    assert.equal((await cf.call('GET', `/proxies/${first}`)).status, 404);
    const noUpstream = await cf.call('POST', '/populate', { body: [{ name: cf.name('noup') }] });
    assert.equal(
      noUpstream.text,
      '{"error":"missing required field: upstream at proxy 1","status":400,"proxies":null}',
    );
  });

  it('rejects a non-array body with a 400 decoder error that carries "proxies":null', async () => {
    const res = await cf.call('POST', '/populate', { body: { name: 'x', upstream: 'y' } });
    assert.equal(res.status, 400);
    const body = parseJson<PopulateBody>(res);
    assert.match(
      body.error ?? '',
      /^bad request body: json: cannot unmarshal object into Go value of type \[\]/,
    );
    assert.equal(body.proxies, null);
    assert.equal(body.status, 400);
  });

  it('leaves an unchanged existing proxy untouched, toxics and state, even when the item says enabled:false', async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('same', echo.address);
    await cf.addToxic(proxy.name, { type: 'noop', name: 'kept' });
    const client = await cf.connect(proxy.listen);
    await client.roundTrip('before');
    const res = await cf.call('POST', '/populate', {
      body: [{ name: proxy.name, listen: proxy.listen, upstream: echo.address, enabled: false }],
    });
    assert.equal(res.status, 201);
    const returned = parseJson<PopulateBody>(res).proxies?.[0];
    assert.equal(returned?.enabled, true);
    assert.deepEqual(
      returned?.toxics.map((t) => t.name),
      ['kept'],
    );
    const live = parseJson<ProxyJson>(await cf.call('GET', `/proxies/${proxy.name}`));
    assert.equal(live.enabled, true);
    assert.equal(live.toxics.length, 1);
    await client.roundTrip('after');
    assert.equal(client.endKind, 'open');
  });

  it('treats localhost:<port> as equal to 127.0.0.1:<port> when deciding a proxy is unchanged', async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('samehost', echo.address);
    await cf.addToxic(proxy.name, { type: 'noop', name: 'kept' });
    const port = proxy.listen.split(':')[1] ?? '';
    const res = await cf.call('POST', '/populate', {
      body: [{ name: proxy.name, listen: `localhost:${port}`, upstream: echo.address }],
    });
    assert.equal(res.status, 201);
    const live = parseJson<ProxyJson>(await cf.call('GET', `/proxies/${proxy.name}`));
    assert.equal(live.listen, proxy.listen);
    assert.deepEqual(
      live.toxics.map((t) => t.name),
      ['kept'],
    );
  });

  it('replaces an existing proxy whose upstream changed, dropping its toxics and closing its connections', async () => {
    const echo = await cf.echo();
    const other = await cf.echo();
    const proxy = await cf.createProxy('changed', echo.address);
    await cf.addToxic(proxy.name, { type: 'noop', name: 'dropped' });
    const client = await cf.connect(proxy.listen);
    await client.roundTrip('x');
    const res = await cf.call('POST', '/populate', {
      body: [{ name: proxy.name, listen: '127.0.0.1:0', upstream: other.address }],
    });
    assert.equal(res.status, 201);
    const live = parseJson<ProxyJson>(await cf.call('GET', `/proxies/${proxy.name}`));
    assert.equal(live.upstream, other.address);
    assert.deepEqual(live.toxics, []);
    assert.equal(await client.waitForEnd(2000), 'fin');
  });

  it('stops at the first failure with its status and the proxies done so far; later items are not created', async () => {
    const busy = await blockPort();
    const [a, b, c] = [cf.name('pa'), cf.name('pb'), cf.name('pc')];
    const untouched = await cf.createProxy('untouched', '127.0.0.1:1', { enabled: false });
    const res = await cf.call('POST', '/populate', {
      body: [
        { name: a, listen: '127.0.0.1:0', upstream: '127.0.0.1:1' },
        { name: b, listen: `127.0.0.1:${busy}`, upstream: '127.0.0.1:1' },
        { name: c, listen: '127.0.0.1:0', upstream: '127.0.0.1:1' },
      ],
    });
    assert.equal(res.status, 500);
    assert.equal(res.headers.get('content-type'), 'application/json');
    const body = parseJson<PopulateBody>(res);
    assert.equal(body.error, `listen tcp 127.0.0.1:${busy}: bind: address already in use`);
    assert.equal(body.status, 500);
    assert.deepEqual(
      body.proxies?.map((p) => p.name),
      [a],
    );
    assert.ok(!res.text.endsWith('\n'));
    assert.equal((await cf.call('GET', `/proxies/${a}`)).status, 200);
    assert.equal((await cf.call('GET', `/proxies/${c}`)).status, 404);
    assert.equal((await cf.call('GET', `/proxies/${untouched.name}`)).status, 200, 'populate never deletes');
  });

  it('reset re-enables disabled proxies and removes all toxics, returning 204 with an empty body', async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('reset', echo.address);
    await cf.addToxic(proxy.name, { type: 'latency', attributes: { latency: 500 } });
    await cf.addToxic(proxy.name, { type: 'noop', stream: 'upstream' });
    await cf.updateProxy(proxy.name, { enabled: false });
    const res = await cf.call('POST', '/reset');
    assert.equal(res.status, 204);
    assert.equal(res.text, '');
    const live = parseJson<ProxyJson>(await cf.call('GET', `/proxies/${proxy.name}`));
    assert.equal(live.enabled, true);
    assert.deepEqual(live.toxics, []);
    assert.equal(live.listen, proxy.listen);
    const client = await cf.connect(live.listen);
    assert.ok((await client.roundTrip('ok')) < 400, 'the latency toxic no longer applies');
  });

  it('reset keeps healthy live connections open', async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('resetlive', echo.address);
    await cf.addToxic(proxy.name, { type: 'noop' });
    const client = await cf.connect(proxy.listen);
    await client.roundTrip('before');
    assert.equal((await cf.call('POST', '/reset')).status, 204);
    await client.roundTrip('after');
    assert.equal(client.endKind, 'open');
    assert.equal(client.received.toString(), 'beforeafter');
  });

  it('reset aborts with 500 when a disabled proxy cannot be started again', async () => {
    const first = await cf.createProxy('owner', '127.0.0.1:1');
    await cf.updateProxy(first.name, { enabled: false });
    const thief = await cf.createProxy('thief', '127.0.0.1:1', { listen: first.listen });
    assert.equal(thief.listen, first.listen);
    const res = await cf.call('POST', '/reset');
    assert.equal(res.status, 500);
    assert.equal(res.text, errorBody(`listen tcp ${first.listen}: bind: address already in use`, 500));
    await cf.call('DELETE', `/proxies/${thief.name}`);
  });
});

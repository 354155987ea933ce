import assert from 'node:assert/strict';
import { Toxiproxy, ToxiproxyError, type Latency } from 'toxiproxy-node-client';
import { conformanceSuite } from './suite.js';
import { parseJson, type ProxyJson } from './http.js';

conformanceSuite('proxy conformance: toxiproxy-node-client 4.1.0 flows', (cf) => {
  const client = (): Toxiproxy => new Toxiproxy(cf.url);

  it('reads /version as raw text', async () => {
    const text = await client().getVersion();
    assert.equal(text, '{"version": "2.12.0"}\n');
  });

  it('creates, gets, lists, updates (POST) and removes a proxy', async () => {
    const echo = await cf.echo();
    const name = cf.name('client');
    const created = await client().createProxy({ name, listen: '127.0.0.1:0', upstream: echo.address });
    assert.equal(created.name, name);
    assert.equal(created.enabled, true);
    assert.match(created.listen, /^127\.0\.0\.1:[1-9]\d*$/);

    const got = await client().get(name);
    assert.deepEqual(got.toJson(), created.toJson());
    const all = await client().getAll();
    assert.equal(all[name]?.upstream, echo.address);

    const disabled = await got.update({ enabled: false, listen: created.listen, upstream: echo.address });
    assert.equal(disabled.enabled, false);
    assert.equal(disabled.listen, created.listen);
    const enabled = await disabled.update({ enabled: true, listen: created.listen, upstream: echo.address });
    assert.equal(enabled.enabled, true);

    const socket = await cf.connect(enabled.listen);
    await socket.roundTrip('through the client-made proxy');

    await enabled.remove();
    await assert.rejects(client().get(name), (err: unknown) => {
      assert.ok(err instanceof ToxiproxyError);
      assert.match(err.message, /404/);
      return true;
    });
  });

  it('reports a duplicate proxy as a ToxiproxyError mentioning 409', async () => {
    const name = cf.name('dup');
    await client().createProxy({ name, listen: '127.0.0.1:0', upstream: '127.0.0.1:1' });
    await assert.rejects(
      client().createProxy({ name, listen: '127.0.0.1:0', upstream: '127.0.0.1:1' }),
      /409/,
    );
  });

  it('populates proxies and returns them keyed by name', async () => {
    const [a, b] = [cf.name('pa'), cf.name('pb')];
    const proxies = await client().populate([
      { name: a, listen: '127.0.0.1:0', upstream: '127.0.0.1:1' },
      { name: b, listen: '127.0.0.1:0', upstream: '127.0.0.1:2', enabled: false },
    ]);
    assert.deepEqual(Object.keys(proxies).sort(), [a, b].sort());
    assert.equal(proxies[a]?.enabled, true);
    assert.equal(proxies[b]?.enabled, false);
  });

  it('adds a toxic with server defaults for omitted fields, updates it (POST) and removes it', async () => {
    const echo = await cf.echo();
    const name = cf.name('toxic');
    const proxy = await client().createProxy({ name, listen: '127.0.0.1:0', upstream: echo.address });
    // The README omits name/stream/toxicity through a cast; JSON.stringify then drops the undefined keys.
    const toxic = await proxy.addToxic<Latency>({
      type: 'latency',
      attributes: { latency: 150, jitter: 0 },
    } as unknown as Parameters<typeof proxy.addToxic<Latency>>[0]);
    assert.deepEqual(
      [toxic.name, toxic.stream, toxic.toxicity, toxic.attributes.latency],
      ['latency_downstream', 'downstream', 1, 150],
    );
    const socket = await cf.connect(proxy.listen);
    assert.ok((await socket.roundTrip('slow')) >= 145, 'the client-added toxic applies');

    const updated = await toxic.update({ ...toxic.toJson(), attributes: { latency: 0, jitter: 0 } });
    assert.equal(updated.attributes.latency, 0);
    const fetched = await proxy.getToxic<Latency>('latency_downstream');
    assert.equal(fetched.attributes.latency, 0);

    await toxic.remove();
    const raw = parseJson<ProxyJson>(await cf.call('GET', `/proxies/${name}`));
    assert.deepEqual(raw.toxics, []);
  });

  it('rejects the client type "down" with a ToxiproxyError mentioning 400', async () => {
    const name = cf.name('down');
    const proxy = await client().createProxy({ name, listen: '127.0.0.1:0', upstream: '127.0.0.1:1' });
    await assert.rejects(
      proxy.addToxic({ type: 'down', name: 'down', stream: 'downstream', toxicity: 1, attributes: {} }),
      /400/,
    );
  });

  it('resets the server: toxics removed and disabled proxies re-enabled', async () => {
    const name = cf.name('reset');
    const proxy = await client().createProxy({ name, listen: '127.0.0.1:0', upstream: '127.0.0.1:1' });
    await proxy.addToxic({
      type: 'timeout',
      name: 't',
      stream: 'upstream',
      toxicity: 1,
      attributes: { timeout: 0 },
    });
    await proxy.update({ enabled: false, listen: proxy.listen, upstream: proxy.upstream });
    await client().reset();
    const after = parseJson<ProxyJson>(await cf.call('GET', `/proxies/${name}`));
    assert.equal(after.enabled, true);
    assert.deepEqual(after.toxics, []);
  });
});

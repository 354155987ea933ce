import assert from 'node:assert/strict';
import { conformanceSuite } from './suite.js';
import { connectProbe } from './socket-probe.js';
import { payload } from './upstreams.js';
import { splitHostPort } from './http.js';
import { sleep } from './timing.js';
import { findSample } from './prometheus-text.js';

conformanceSuite('proxy conformance: TCP forwarding, enable/disable and metrics', (cf) => {
  it('forwards a simple message both ways', async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('simple', echo.address);
    const client = await cf.connect(proxy.listen);
    await client.roundTrip('hello world');
    assert.equal(client.received.toString(), 'hello world');
  });

  it('forwards a big message (2 MB) intact', async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('big', echo.address);
    const client = await cf.connect(proxy.listen);
    const data = payload(2 * 1024 * 1024);
    await client.write(data);
    await client.waitForBytes(data.length, 10_000);
    assert.ok(client.received.equals(data));
  });

  it('forwards a message written in two parts', async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('twopart', echo.address);
    const client = await cf.connect(proxy.listen);
    await client.write('hello ');
    await sleep(20);
    await client.write('world');
    await client.waitForBytes(11);
    assert.equal(client.received.toString(), 'hello world');
  });

  it('closes the client connection with EOF (not RST) when the upstream is down', async () => {
    const port = await cf.closedPort();
    const proxy = await cf.createProxy('down', `127.0.0.1:${port}`);
    const client = await cf.connect(proxy.listen);
    assert.equal(await client.waitForEnd(2000), 'fin', `got ${client.endKind} ${client.errorCode}`);
  });

  it('enabled:false closes live connections and refuses new ones; enabled:true serves again on the same address', async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('toggle', echo.address);
    await cf.addToxic(proxy.name, { type: 'noop', name: 'kept' });
    const client = await cf.connect(proxy.listen);
    await client.roundTrip('before');
    const disabled = await cf.updateProxy(proxy.name, { enabled: false });
    assert.equal(disabled.enabled, false);
    assert.equal(disabled.listen, proxy.listen);
    assert.equal(await client.waitForEnd(2000), 'fin');
    const { port } = splitHostPort(proxy.listen);
    await assert.rejects(connectProbe('127.0.0.1', port), /ECONNREFUSED/);
    const enabled = await cf.updateProxy(proxy.name, { enabled: true });
    assert.deepEqual(
      enabled.toxics.map((t) => t.name),
      ['kept'],
      'toxics survive a disable/enable',
    );
    const again = await cf.connect(enabled.listen);
    await again.roundTrip('after');
  });

  it('a second enabled proxy cannot share a busy listen address (500)', async () => {
    const first = await cf.createProxy('first', '127.0.0.1:1');
    const name = cf.name('second');
    const res = await cf.call('POST', '/proxies', {
      body: { name, listen: first.listen, upstream: '127.0.0.1:1' },
    });
    assert.equal(res.status, 500);
  });

  it('counts received and sent bytes per proxy and direction in /metrics only once the connection ends', async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('metrics', echo.address);
    const client = await cf.connect(proxy.listen);
    await client.roundTrip('x'.repeat(1234));
    const during = (await cf.call('GET', '/metrics')).text;
    const counted = findSample(during, 'toxiproxy_proxy_sent_bytes_total', { proxy: proxy.name });
    assert.ok(counted === undefined || counted === 0, 'counters move only when a link finishes');
    client.destroy();
    const labels = (direction: string): Record<string, string> => ({
      proxy: proxy.name,
      direction,
      listener: proxy.listen,
      upstream: echo.address,
    });
    let text = '';
    for (let i = 0; i < 30; i++) {
      const res = await cf.call('GET', '/metrics');
      assert.equal(res.status, 200);
      text = res.text;
      const done = ['upstream', 'downstream'].every(
        (d) => findSample(text, 'toxiproxy_proxy_sent_bytes_total', labels(d)) === 1234,
      );
      if (done) break;
      await sleep(100);
    }
    for (const direction of ['upstream', 'downstream']) {
      for (const metric of ['toxiproxy_proxy_received_bytes_total', 'toxiproxy_proxy_sent_bytes_total']) {
        assert.equal(findSample(text, metric, labels(direction)), 1234, `${metric} ${direction}\n${text}`);
      }
    }
  });
});

import assert from 'node:assert/strict';
import { conformanceSuite } from './suite.js';
import { BAND, FAST_RTT_MS, QUIET_WINDOW_MS, assertAbout, nowMs, sleep } from './timing.js';

conformanceSuite('proxy conformance: slow_close, timeout and reset_peer on real sockets', (cf) => {
  it(`slow_close passes data at once and delays the FIN by the delay (300 ms ${BAND})`, async () => {
    const upstream = await cf.sendThenFin(Buffer.from('0123456789'));
    const proxy = await cf.createProxy('slowclose', upstream.address);
    await cf.addToxic(proxy.name, { type: 'slow_close', attributes: { delay: 300 } });
    const start = nowMs();
    const client = await cf.connect(proxy.listen);
    assert.ok((await client.waitForBytes(10)) - start < FAST_RTT_MS, 'data is not delayed');
    assert.equal(await client.waitForEnd(2000), 'fin');
    // The upstream sends its data and FIN as it accepts, so the delay counts from that accept
    // (this leaves out the proxy's connection set-up, which a busy box stretches).
    const upstreamAcceptMs = upstream.accepted[0]?.createdAtMs ?? start;
    assertAbout(client.endAtMs - upstreamAcceptMs, 300, 'FIN after the upstream sent it');
  });

  it(`timeout closes a silent connection that long after setup (200 ms ${BAND})`, async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('timeout', echo.address);
    await cf.addToxic(proxy.name, { type: 'timeout', attributes: { timeout: 200 } });
    const start = nowMs();
    const client = await cf.connect(proxy.listen);
    assert.equal(await client.waitForEnd(2000), 'fin');
    assertAbout(client.endAtMs - start, 200, 'close');
  });

  for (const stream of ['downstream', 'upstream'] as const) {
    it(`timeout is an idle timer: every ${stream} chunk restarts it, and the data is discarded (4 writes 300 ms apart, timeout 500: close 500 ms after the last, ~1400 ms ${BAND})`, async () => {
      const echo = await cf.echo();
      const proxy = await cf.createProxy(`idle${stream}`, echo.address);
      await cf.addToxic(proxy.name, { type: 'timeout', stream, attributes: { timeout: 500 } });
      const start = nowMs();
      const client = await cf.connect(proxy.listen);
      let lastWriteMs = start;
      for (let i = 0; i < 4; i++) {
        await sleep(Math.max(0, start + i * 300 - nowMs()));
        assert.equal(client.endKind, 'open', `still open before write ${i + 1} at ${i * 300} ms`);
        lastWriteMs = nowMs();
        await client.write('tick');
      }
      assert.equal(await client.waitForEnd(3000), 'fin');
      // Measured from the last write, not from connect: set-up time on a busy box is not the toxic's.
      assertAbout(client.endAtMs - lastWriteMs, 500, 'close after the last write');
      assert.equal(client.received.length, 0, 'data in the timed-out direction is discarded');
    });
  }

  it(`timeout added to a live connection closes it that long after the add (200 ms ${BAND})`, async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('timeoutlive', echo.address);
    const client = await cf.connect(proxy.listen);
    await client.roundTrip('before');
    await sleep(100);
    const start = nowMs();
    await cf.addToxic(proxy.name, { type: 'timeout', attributes: { timeout: 200 } });
    assert.equal(await client.waitForEnd(2000), 'fin');
    assertAbout(client.endAtMs - start, 200, 'close after add');
  });

  it(`timeout 0 black-holes data and never closes (${QUIET_WINDOW_MS} ms window)`, async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('blackhole', echo.address);
    await cf.addToxic(proxy.name, { type: 'timeout', stream: 'upstream', attributes: { timeout: 0 } });
    const client = await cf.connect(proxy.listen);
    await client.write('lost');
    await sleep(QUIET_WINDOW_MS);
    assert.equal(client.endKind, 'open');
    assert.equal(client.received.length, 0);
    assert.equal(echo.accepted[0]?.received.length, 0, 'the upstream never sees the bytes');
  });

  it('removing a timeout toxic closes the connections it applied to, losing the discarded data', async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('timeoutremove', echo.address);
    await cf.addToxic(proxy.name, { type: 'timeout', attributes: { timeout: 0 } });
    const client = await cf.connect(proxy.listen);
    await client.write('lost');
    await sleep(100);
    await cf.removeToxic(proxy.name, 'timeout_downstream');
    assert.equal(await client.waitForEnd(1000), 'fin');
    assert.equal(client.received.length, 0);
  });

  it('a timeout toxic removed through /reset also closes its connections', async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('timeoutreset', echo.address);
    await cf.addToxic(proxy.name, { type: 'timeout', attributes: { timeout: 0 } });
    const client = await cf.connect(proxy.listen);
    await sleep(50);
    assert.equal((await cf.call('POST', '/reset')).status, 204);
    assert.equal(await client.waitForEnd(1000), 'fin');
  });

  for (const stream of ['upstream', 'downstream'] as const) {
    it(`reset_peer present at accept resets the connection (ECONNRESET) right after the first ${stream} chunk (timeout 0, < ${FAST_RTT_MS} ms)`, async () => {
      const echo = await cf.echo();
      const proxy = await cf.createProxy(`reset0${stream}`, echo.address);
      await cf.addToxic(proxy.name, { type: 'reset_peer', stream, attributes: { timeout: 0 } });
      const client = await cf.connect(proxy.listen);
      const start = nowMs();
      await client.write('boom');
      assert.equal(await client.waitForEnd(2000), 'reset', `got ${client.endKind} ${client.errorCode}`);
      assert.ok(client.endAtMs - start < FAST_RTT_MS);
      assert.equal(client.received.length, 0);
    });
  }

  it(`reset_peer with a timeout resets that long after the first chunk (200 ms ${BAND})`, async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('reset200', echo.address);
    await cf.addToxic(proxy.name, { type: 'reset_peer', stream: 'upstream', attributes: { timeout: 200 } });
    const client = await cf.connect(proxy.listen);
    const start = nowMs();
    await client.write('boom');
    assert.equal(await client.waitForEnd(2000), 'reset', `got ${client.endKind} ${client.errorCode}`);
    assertAbout(client.endAtMs - start, 200, 'reset');
  });

  it('reset_peer added to an existing connection closes it with a FIN, not a reset', async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('resetlater', echo.address);
    const client = await cf.connect(proxy.listen);
    await client.roundTrip('before');
    await cf.addToxic(proxy.name, { type: 'reset_peer', stream: 'upstream', attributes: { timeout: 0 } });
    await client.write('boom');
    assert.equal(await client.waitForEnd(2000), 'fin', `got ${client.endKind} ${client.errorCode}`);
    assert.equal(client.received.toString(), 'before');
  });

  it(`reset_peer downstream never fires when the upstream stays silent (${QUIET_WINDOW_MS} ms window)`, async () => {
    const silent = await cf.silent();
    const proxy = await cf.createProxy('resetsilent', silent.address);
    await cf.addToxic(proxy.name, { type: 'reset_peer', attributes: { timeout: 0 } });
    const client = await cf.connect(proxy.listen);
    await client.write('hello');
    await sleep(QUIET_WINDOW_MS);
    assert.equal(client.endKind, 'open');
  });
});

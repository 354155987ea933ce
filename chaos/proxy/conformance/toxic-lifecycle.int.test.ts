import assert from 'node:assert/strict';
import { conformanceSuite } from './suite.js';
import { payload } from './upstreams.js';
import { FAST_RTT_MS, nowMs, sleep } from './timing.js';

/** Latency used to tell an applied toxic from a skipped one, in ms. */
const MARKER_LATENCY_MS = 200;

conformanceSuite('proxy conformance: toxicity and live toxic changes on real sockets', (cf) => {
  it(`never applies a toxic with toxicity 0 (5 connections, RTT < ${FAST_RTT_MS} ms)`, async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('tox0', echo.address);
    await cf.addToxic(proxy.name, {
      type: 'latency',
      toxicity: 0,
      attributes: { latency: MARKER_LATENCY_MS },
    });
    const rtts = await Promise.all(
      Array.from({ length: 5 }, async (_, i) => (await cf.connect(proxy.listen)).roundTrip(`c${i}`)),
    );
    for (const rtt of rtts) assert.ok(rtt < FAST_RTT_MS, `RTT ${rtt}`);
  });

  it(`always applies a toxic with toxicity 1 (5 connections, RTT >= ${MARKER_LATENCY_MS - 5} ms)`, async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('tox1', echo.address);
    await cf.addToxic(proxy.name, {
      type: 'latency',
      toxicity: 1,
      attributes: { latency: MARKER_LATENCY_MS },
    });
    const rtts = await Promise.all(
      Array.from({ length: 5 }, async (_, i) => (await cf.connect(proxy.listen)).roundTrip(`c${i}`)),
    );
    for (const rtt of rtts) assert.ok(rtt >= MARKER_LATENCY_MS - 5, `RTT ${rtt}`);
  });

  it(`re-rolls toxicity when a PATCH raises it from 0 to 1 on a kept-open connection (RTT >= ${MARKER_LATENCY_MS - 5} ms)`, async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('reroll', echo.address);
    await cf.addToxic(proxy.name, {
      type: 'latency',
      toxicity: 0,
      attributes: { latency: MARKER_LATENCY_MS },
    });
    const client = await cf.connect(proxy.listen);
    assert.ok((await client.roundTrip('a')) < FAST_RTT_MS);
    const res = await cf.call('PATCH', `/proxies/${proxy.name}/toxics/latency_downstream`, {
      body: { toxicity: 1 },
    });
    assert.equal(res.status, 200);
    assert.ok((await client.roundTrip('b')) >= MARKER_LATENCY_MS - 5);
  });

  it('loses no data when toxics are added and removed while a stream flows (200 x 1 KB echoed)', async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('nodrop', echo.address);
    const client = await cf.connect(proxy.listen);
    const data = payload(200 * 1024);
    const writer = (async () => {
      for (let i = 0; i < 200; i++) {
        await client.write(data.subarray(i * 1024, (i + 1) * 1024));
        if (i % 10 === 0) await sleep(5);
      }
    })();
    const changer = (async () => {
      for (let round = 0; round < 4; round++) {
        await cf.addToxic(proxy.name, { type: 'latency', name: 'l_down', attributes: { latency: 5 } });
        await cf.addToxic(proxy.name, { type: 'noop', name: 'n_up', stream: 'upstream' });
        await cf.addToxic(proxy.name, {
          type: 'latency',
          name: 'l_up',
          stream: 'upstream',
          attributes: { latency: 3 },
        });
        await sleep(10);
        await cf.removeToxic(proxy.name, 'n_up');
        await cf.removeToxic(proxy.name, 'l_down');
        await cf.removeToxic(proxy.name, 'l_up');
      }
    })();
    await Promise.all([writer, changer]);
    await client.waitForBytes(data.length, 10_000);
    assert.ok(
      client.received.equals(data),
      `received ${client.received.length} of ${data.length} bytes, in order`,
    );
  });

  it('flushes data held by a latency toxic when it is removed, instead of dropping it', async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('flush', echo.address);
    await cf.addToxic(proxy.name, { type: 'latency', attributes: { latency: 1000 } });
    const client = await cf.connect(proxy.listen);
    await client.write('held');
    await sleep(100);
    await cf.removeToxic(proxy.name, 'latency_downstream');
    const at = await client.waitForBytes(4, 2000);
    assert.equal(client.received.toString(), 'held');
    assert.ok(at > 0);
  });

  it(`applies a toxicity 0.5 toxic to some but not all of 20 connections (latency ${MARKER_LATENCY_MS} ms)`, async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('half', echo.address);
    await cf.addToxic(proxy.name, {
      type: 'latency',
      toxicity: 0.5,
      attributes: { latency: MARKER_LATENCY_MS },
    });
    const rtts = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => (await cf.connect(proxy.listen)).roundTrip(`c${i}`)),
    );
    const affected = rtts.filter((rtt) => rtt >= MARKER_LATENCY_MS - 5).length;
    // P(affected <= 1 or >= 19) for a fair coin is about 4e-5.
    assert.ok(affected >= 2 && affected <= 18, `affected ${affected} of 20`);
  });

  it(`releases a chunk held by a latency toxic at once when a toxic is added after it (1000 ms latency, released < 400 ms)`, async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('interrupt', echo.address);
    await cf.addToxic(proxy.name, { type: 'latency', attributes: { latency: 1000 } });
    const client = await cf.connect(proxy.listen);
    const start = nowMs();
    await client.write('held');
    await sleep(100);
    await cf.addToxic(proxy.name, { type: 'noop', name: 'after' });
    const at = await client.waitForBytes(4, 2000);
    assert.ok(at - start < 400, `released after ${(at - start).toFixed(0)} ms`);
  });

  it('removes a toxic cleanly after its client connection broke, and keeps serving', async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('broken', echo.address);
    await cf.addToxic(proxy.name, { type: 'latency', attributes: { latency: 300 } });
    const client = await cf.connect(proxy.listen);
    await client.write('gone');
    client.destroy();
    await sleep(50);
    await cf.removeToxic(proxy.name, 'latency_downstream');
    const again = await cf.connect(proxy.listen);
    assert.ok((await again.roundTrip('still here')) < FAST_RTT_MS);
  });

  it('survives adding and removing a latency toxic around 30 short-lived connections', async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('race', echo.address);
    for (let i = 0; i < 30; i++) {
      await cf.addToxic(proxy.name, {
        type: 'latency',
        stream: 'upstream',
        name: 'race',
        attributes: { latency: 10 },
      });
      const client = await cf.connect(proxy.listen);
      await client.write('hello');
      client.destroy();
      await cf.removeToxic(proxy.name, 'race');
    }
    const client = await cf.connect(proxy.listen);
    await client.roundTrip('alive');
  });

  it('does not limit throughput behind a latency toxic (2 MB echoed through 50 ms latency in < 2000 ms)', async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('latbw', echo.address);
    await cf.addToxic(proxy.name, { type: 'latency', attributes: { latency: 50 } });
    const client = await cf.connect(proxy.listen);
    const data = payload(2 * 1024 * 1024);
    const start = nowMs();
    await client.write(data);
    const at = await client.waitForBytes(data.length, 5000);
    assert.ok(client.received.equals(data));
    assert.ok(at - start < 2000, `took ${(at - start).toFixed(0)} ms`);
  });
});

import assert from 'node:assert/strict';
import { conformanceSuite } from './suite.js';
import {
  BAND,
  EARLY_TOLERANCE_MS,
  FAST_RTT_MS,
  LATE_TOLERANCE_MS,
  assertAbout,
  nowMs,
  sleep,
} from './timing.js';

conformanceSuite('proxy conformance: latency toxic on real sockets', (cf) => {
  async function echoProxy(label: string): Promise<{ name: string; listen: string }> {
    const echo = await cf.echo();
    return cf.createProxy(label, echo.address);
  }

  it(`delays downstream data by the latency (100 ms ${BAND})`, async () => {
    const proxy = await echoProxy('down');
    await cf.addToxic(proxy.name, { type: 'latency', attributes: { latency: 100 } });
    const client = await cf.connect(proxy.listen);
    assertAbout(await client.roundTrip('ping'), 100, 'RTT');
  });

  it(`delays upstream data by the latency, measured where the upstream receives it (100 ms ${BAND})`, async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('up', echo.address);
    await cf.addToxic(proxy.name, { type: 'latency', stream: 'upstream', attributes: { latency: 100 } });
    const client = await cf.connect(proxy.listen);
    await sleep(20);
    const start = nowMs();
    await client.write('ping');
    const server = echo.accepted[0];
    assert.ok(server, 'the proxy dialed the upstream on accept');
    assertAbout((await server.waitForBytes(4)) - start, 100, 'upstream arrival');
  });

  it(`adds upstream and downstream latency on a round trip (50 + 100 = 150 ms ${BAND})`, async () => {
    const proxy = await echoProxy('both');
    await cf.addToxic(proxy.name, { type: 'latency', stream: 'upstream', attributes: { latency: 50 } });
    await cf.addToxic(proxy.name, { type: 'latency', stream: 'downstream', attributes: { latency: 100 } });
    const client = await cf.connect(proxy.listen);
    assertAbout(await client.roundTrip('ping'), 150, 'RTT');
  });

  it(`stacks two latency toxics in the same direction (60 + 60 = 120 ms ${BAND})`, async () => {
    const proxy = await echoProxy('stack');
    await cf.addToxic(proxy.name, { type: 'latency', name: 'l1', attributes: { latency: 60 } });
    await cf.addToxic(proxy.name, { type: 'latency', name: 'l2', attributes: { latency: 60 } });
    const client = await cf.connect(proxy.listen);
    assertAbout(await client.roundTrip('ping'), 120, 'RTT');
  });

  it(`keeps each jittered round trip within [latency - jitter, latency + jitter) (100 +/- 50 ms ${BAND})`, async () => {
    const proxy = await echoProxy('jitter');
    await cf.addToxic(proxy.name, { type: 'latency', attributes: { latency: 100, jitter: 50 } });
    const client = await cf.connect(proxy.listen);
    const samples: number[] = [];
    for (let i = 0; i < 8; i++) samples.push(await client.roundTrip(`j${i}`));
    for (const rtt of samples) {
      assert.ok(
        rtt >= 50 - EARLY_TOLERANCE_MS && rtt <= 150 + LATE_TOLERANCE_MS,
        `RTT ${rtt} outside [50, 150)`,
      );
    }
    const spread = Math.max(...samples) - Math.min(...samples);
    assert.ok(
      spread > 10,
      `jitter should vary the delay; samples ${samples.map((s) => s.toFixed(0)).join(',')}`,
    );
  });

  it(`treats a zero latency as no delay (RTT < ${FAST_RTT_MS} ms)`, async () => {
    const proxy = await echoProxy('zero');
    await cf.addToxic(proxy.name, { type: 'latency', attributes: { latency: 0 } });
    const client = await cf.connect(proxy.listen);
    assert.ok((await client.roundTrip('ping')) < FAST_RTT_MS);
  });

  it(`pipelines back-to-back writes instead of accumulating delays (5 writes 20 ms apart through 100 ms ${BAND})`, async () => {
    const proxy = await echoProxy('pipeline');
    await cf.addToxic(proxy.name, { type: 'latency', attributes: { latency: 100 } });
    const client = await cf.connect(proxy.listen);
    const sentAt: number[] = [];
    for (let i = 0; i < 5; i++) {
      sentAt.push(nowMs());
      await client.write(String(i));
      await sleep(20);
    }
    await client.waitForBytes(5);
    assert.equal(client.received.toString(), '01234', 'order is preserved');
    let offset = 0;
    for (const read of client.reads) {
      for (let k = 0; k < read.data.length; k++, offset++) {
        assertAbout(read.atMs - (sentAt[offset] ?? 0), 100, `byte ${offset}`);
      }
    }
  });

  it(`applies a latency toxic added to a kept-open connection and stops when it is removed (200 ms ${BAND})`, async () => {
    const proxy = await echoProxy('live');
    const client = await cf.connect(proxy.listen);
    assert.ok((await client.roundTrip('a')) < FAST_RTT_MS, 'fast before');
    await cf.addToxic(proxy.name, { type: 'latency', attributes: { latency: 200 } });
    assertAbout(await client.roundTrip('b'), 200, 'RTT with toxic');
    await cf.removeToxic(proxy.name, 'latency_downstream');
    assert.ok((await client.roundTrip('c')) < FAST_RTT_MS, 'fast again after removal');
    assert.equal(client.received.toString(), 'abc');
  });

  it(`applies a PATCHed latency to a kept-open connection (50 -> 150 ms ${BAND})`, async () => {
    const proxy = await echoProxy('patch');
    await cf.addToxic(proxy.name, { type: 'latency', attributes: { latency: 50 } });
    const client = await cf.connect(proxy.listen);
    assertAbout(await client.roundTrip('a'), 50, 'RTT before');
    const res = await cf.call('PATCH', `/proxies/${proxy.name}/toxics/latency_downstream`, {
      body: { attributes: { latency: 150 } },
    });
    assert.equal(res.status, 200);
    assertAbout(await client.roundTrip('b'), 150, 'RTT after');
  });

  it(`parses the stream case-insensitively: "UPSTREAM" delays what the upstream receives (100 ms ${BAND})`, async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('casing', echo.address);
    await cf.addToxic(proxy.name, { type: 'latency', stream: 'UPSTREAM', attributes: { latency: 100 } });
    const client = await cf.connect(proxy.listen);
    await sleep(20);
    const start = nowMs();
    await client.write('ping');
    const server = echo.accepted[0];
    assert.ok(server);
    assertAbout((await server.waitForBytes(4)) - start, 100, 'upstream arrival');
  });
});

import assert from 'node:assert/strict';
import { conformanceSuite } from './suite.js';
import { payload } from './upstreams.js';
import { QUIET_WINDOW_MS, nowMs, sleep } from './timing.js';

/** Accepted band for a measured bandwidth, as a fraction of the configured rate. */
const RATE_BAND = { low: 0.75, high: 1.1 } as const;
const BAND_LABEL = `${Math.round(RATE_BAND.low * 100)}-${Math.round(RATE_BAND.high * 100)}%`;

conformanceSuite('proxy conformance: bandwidth toxic on real sockets', (cf) => {
  it(`limits downstream throughput to the rate (60 000 B at 100 KB/s, measured rate within ${BAND_LABEL})`, async () => {
    const data = payload(60_000);
    const upstream = await cf.sendThenFin(data);
    const proxy = await cf.createProxy('rate', upstream.address);
    await cf.addToxic(proxy.name, { type: 'bandwidth', attributes: { rate: 100 } });
    const start = nowMs();
    const client = await cf.connect(proxy.listen);
    const at = await client.waitForBytes(data.length, 5000);
    const seconds = (at - start) / 1000;
    const kbps = data.length / 1000 / seconds;
    assert.ok(
      kbps >= 100 * RATE_BAND.low && kbps <= 100 * RATE_BAND.high,
      `measured ${kbps.toFixed(1)} KB/s`,
    );
    assert.ok(client.received.equals(data), 'every byte arrives intact');
    assert.ok(client.reads.length > 1, 'delivered in several pieces');
  });

  it(`limits upstream throughput to the rate (30 000 B at 100 KB/s, measured rate within ${BAND_LABEL})`, async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('uprate', echo.address);
    await cf.addToxic(proxy.name, { type: 'bandwidth', stream: 'upstream', attributes: { rate: 100 } });
    const client = await cf.connect(proxy.listen);
    const data = payload(30_000);
    const start = nowMs();
    await client.write(data);
    const at = await client.waitForBytes(data.length, 5000);
    const kbps = data.length / 1000 / ((at - start) / 1000);
    assert.ok(
      kbps >= 100 * RATE_BAND.low && kbps <= 100 * RATE_BAND.high,
      `measured ${kbps.toFixed(1)} KB/s`,
    );
    assert.ok(client.received.equals(data));
  });

  it(`stalls the stream completely at rate 0 while keeping the connection open (${QUIET_WINDOW_MS} ms window)`, async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('zero', echo.address);
    await cf.addToxic(proxy.name, { type: 'bandwidth', attributes: { rate: 0 } });
    const client = await cf.connect(proxy.listen);
    await client.write('stalled');
    await sleep(QUIET_WINDOW_MS);
    assert.equal(client.received.length, 0);
    assert.equal(client.endKind, 'open');
  });
});

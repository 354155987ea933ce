import assert from 'node:assert/strict';
import { conformanceSuite } from './suite.js';
import { payload } from './upstreams.js';
import { EARLY_TOLERANCE_MS, QUIET_WINDOW_MS, sleep } from './timing.js';

conformanceSuite('proxy conformance: slicer and limit_data on real sockets', (cf) => {
  it('slicer delivers the same bytes in several reads (avg 100, variation 50, delay 1 ms)', async () => {
    const data = payload(5000);
    const upstream = await cf.sendThenFin(data);
    const proxy = await cf.createProxy('slicer', upstream.address);
    await cf.addToxic(proxy.name, {
      type: 'slicer',
      attributes: { average_size: 100, size_variation: 50, delay: 1000 },
    });
    const client = await cf.connect(proxy.listen);
    await client.waitForBytes(data.length, 5000);
    assert.ok(client.received.equals(data), 'reassembled bytes equal the input');
    assert.ok(client.reads.length > 5, `expected many reads, got ${client.reads.length}`);
    assert.ok(Math.max(...client.reads.map((r) => r.data.length)) < data.length);
  });

  it('slicer splits by recursive halving: 1000 B at avg 100, variation 0 arrive as ~16 pieces of 62/63 B (20 ms apart)', async () => {
    const data = payload(1000);
    const upstream = await cf.sendThenFin(data);
    const proxy = await cf.createProxy('halving', upstream.address);
    await cf.addToxic(proxy.name, {
      type: 'slicer',
      attributes: { average_size: 100, size_variation: 0, delay: 20_000 },
    });
    const client = await cf.connect(proxy.listen);
    await client.waitForBytes(data.length, 5000);
    assert.ok(client.received.equals(data));
    const sizes = client.reads.map((r) => r.data.length);
    // 16 pieces 20 ms apart; a busy box may merge a few adjacent ones, never into 100-byte slices.
    assert.ok(sizes.length >= 12, `sizes ${sizes.join(',')}`);
    const halved = sizes.filter((s) => s === 62 || s === 63).length;
    assert.ok(halved >= sizes.length - 3, `mostly 62/63-byte pieces expected: ${sizes.join(',')}`);
  });

  it(`slicer honours a sub-millisecond delay piece by piece: 10 000 B at avg 100 go out as 128 pieces of 78/79 B 250 µs apart (median read <= 2 pieces, span >= 127 x 0.25 ms - ${EARLY_TOLERANCE_MS} ms)`, async () => {
    // Batching sub-ms delays into 1 ms bursts writes 4 pieces back to back, which the client reads
    // as one: the median read is 312 B. The client's own scheduling on a busy box may merge a few
    // pieces that were sent apart, so the median, not the count, is what is asked for.
    const data = payload(10_000);
    const upstream = await cf.sendThenFin(data);
    const proxy = await cf.createProxy('submilli', upstream.address);
    await cf.addToxic(proxy.name, {
      type: 'slicer',
      attributes: { average_size: 100, size_variation: 0, delay: 250 },
    });
    const client = await cf.connect(proxy.listen);
    await client.waitForBytes(data.length, 5000);
    assert.ok(client.received.equals(data), 'reassembled bytes equal the input');
    const sizes = client.reads.map((r) => r.data.length);
    const median = [...sizes].sort((a, b) => a - b)[Math.floor(sizes.length / 2)] ?? 0;
    assert.ok(median <= 2 * 79, `median read ${median} B of ${sizes.length} reads: ${sizes.join(',')}`);
    const spanMs = (client.reads.at(-1)?.atMs ?? 0) - (client.reads[0]?.atMs ?? 0);
    assert.ok(spanMs >= 127 * 0.25 - EARLY_TOLERANCE_MS, `128 pieces in ${spanMs.toFixed(1)} ms`);
  });

  it('limit_data truncates downstream at the byte limit and then closes (2000 B sent, 500 B received, FIN)', async () => {
    const data = payload(2000);
    const upstream = await cf.sendThenFin(data);
    const proxy = await cf.createProxy('limit', upstream.address);
    await cf.addToxic(proxy.name, { type: 'limit_data', attributes: { bytes: 500 } });
    const client = await cf.connect(proxy.listen);
    assert.equal(await client.waitForEnd(2000), 'fin');
    assert.equal(client.received.length, 500);
    assert.ok(client.received.equals(data.subarray(0, 500)));
  });

  it('limit_data counts across chunks of one connection (3 writes of 40 B, limit 100)', async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('limitchunks', echo.address);
    await cf.addToxic(proxy.name, { type: 'limit_data', attributes: { bytes: 100 } });
    const client = await cf.connect(proxy.listen);
    await client.roundTrip('a'.repeat(40));
    await client.roundTrip('b'.repeat(40));
    await client.write('c'.repeat(40));
    assert.equal(await client.waitForEnd(2000), 'fin');
    assert.equal(client.received.toString(), `${'a'.repeat(40)}${'b'.repeat(40)}${'c'.repeat(20)}`);
  });

  it('limit_data upstream closes the whole connection: the client gets at most the limit back, then FIN', async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('limitup', echo.address);
    await cf.addToxic(proxy.name, { type: 'limit_data', stream: 'upstream', attributes: { bytes: 3 } });
    const client = await cf.connect(proxy.listen);
    await client.write('0123456789');
    assert.equal(await client.waitForEnd(2000), 'fin');
    assert.ok(client.received.length <= 3, `got ${client.received.toString()}`);
    assert.ok('012'.startsWith(client.received.toString()));
  });

  it(`limit_data bytes:0 closes on the first data chunk, not on connect (${QUIET_WINDOW_MS} ms window)`, async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('limitzero', echo.address);
    await cf.addToxic(proxy.name, { type: 'limit_data', attributes: { bytes: 0 } });
    const client = await cf.connect(proxy.listen);
    await sleep(QUIET_WINDOW_MS);
    assert.equal(client.endKind, 'open', 'still open before any data');
    await client.write('x');
    assert.equal(await client.waitForEnd(2000), 'fin');
    assert.equal(client.received.length, 0);
  });

  it('limit_data keeps its per-connection count across a PATCH (40 B sent, limit raised to 50, next 40 B cut to 10)', async () => {
    const echo = await cf.echo();
    const proxy = await cf.createProxy('limitpatch', echo.address);
    await cf.addToxic(proxy.name, { type: 'limit_data', attributes: { bytes: 100 } });
    const client = await cf.connect(proxy.listen);
    await client.roundTrip('a'.repeat(40));
    const res = await cf.call('PATCH', `/proxies/${proxy.name}/toxics/limit_data_downstream`, {
      body: { attributes: { bytes: 50 } },
    });
    assert.equal(res.status, 200);
    await client.write('b'.repeat(40));
    assert.equal(await client.waitForEnd(2000), 'fin');
    assert.equal(client.received.toString(), `${'a'.repeat(40)}${'b'.repeat(10)}`);
  });
});

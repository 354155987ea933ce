import assert from 'node:assert/strict';
import { MAX_LEASE_MS, ToxicLeases, readLeaseMs } from './toxic-lease.js';

const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('toxic leases (proxy side)', function () {
  const cases: [string, number | undefined][] = [
    ['{"type":"latency","lease_ms":5000}', 5000],
    ['{"type":"latency","lease_ms":1.2}', 2],
    ['{"type":"latency"}', undefined],
    ['{"lease_ms":0}', undefined],
    ['{"lease_ms":-5}', undefined],
    ['{"lease_ms":"5000"}', undefined],
    ['[1,2]', undefined],
    ['not json', undefined],
    [`{"lease_ms":${MAX_LEASE_MS * 10}}`, MAX_LEASE_MS],
  ];
  for (const [body, expected] of cases) {
    it(`reads lease_ms from ${body} as ${String(expected)}`, function () {
      assert.equal(readLeaseMs(body), expected);
    });
  }

  it('calls back with the proxy and toxic name when a lease ends', async function () {
    const expired: string[] = [];
    const leases = new ToxicLeases((p, t) => expired.push(`${p}/${t}`));
    leases.schedule('db', 'lat', 5);
    assert.equal(leases.has('db', 'lat'), true);
    await tick(40);
    assert.deepEqual(expired, ['db/lat']);
    assert.equal(leases.size, 0);
  });

  it('does not fire after a manual removal, a proxy deletion or a reset', async function () {
    const expired: string[] = [];
    const leases = new ToxicLeases((p, t) => expired.push(`${p}/${t}`));
    leases.schedule('a', 't1', 10);
    leases.schedule('b', 't2', 10);
    leases.schedule('c', 't3', 10);
    leases.cancel('a', 't1');
    leases.cancelProxy('b');
    assert.equal(leases.size, 1);
    leases.cancelAll();
    assert.equal(leases.size, 0);
    await tick(40);
    assert.deepEqual(expired, []);
  });

  it('restarts a lease that is scheduled again for the same toxic', async function () {
    const expired: string[] = [];
    const leases = new ToxicLeases((p, t) => expired.push(`${p}/${t}`));
    leases.schedule('a', 't', 5);
    leases.schedule('a', 't', 60_000);
    await tick(40);
    assert.deepEqual(expired, []);
    assert.equal(leases.size, 1);
    leases.cancelAll();
  });

  it('survives a callback that throws', async function () {
    const leases = new ToxicLeases(() => {
      throw new Error('already gone');
    });
    leases.schedule('a', 't', 1);
    await tick(30);
    assert.equal(leases.size, 0);
  });
});

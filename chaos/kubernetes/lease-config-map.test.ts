import assert from 'node:assert/strict';
import { isLeaseExpired, LEASE_DATA_KEY, LeaseConfigMap, leaseName, RENEWED_AT } from './lease-config-map.js';
import { FakeApiServer } from './testing/fake-api-server.js';

describe('run lease ConfigMap', function () {
  const names: [string, string][] = [
    ['20261203T064500Z-psp-latency', 'faultline-run-20261203t064500z-psp-latency'],
    ['Run_1', 'faultline-run-run-1'],
    ['x'.repeat(300), `faultline-run-${'x'.repeat(239)}`],
  ];
  for (const [runId, name] of names)
    it(`names the lease of run ${runId.slice(0, 30)} as a DNS-1123 subdomain`, function () {
      assert.equal(leaseName(runId), name);
      assert.match(leaseName(runId), /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/);
    });

  const expiry: [number, boolean][] = [
    [29_999, false],
    [30_000, true],
    [31_000, true],
  ];
  for (const [ageMs, expired] of expiry)
    it(`treats a lease renewed ${ageMs} ms ago (30 s lease) as ${expired ? 'expired' : 'live'}`, function () {
      assert.equal(isLeaseExpired({ renewedAtMs: 1_000_000, leaseSeconds: 30 }, 1_000_000 + ageMs), expired);
    });

  it('writes each change with a fresh renewal time, and stops renewing once deleted', async function () {
    const api = await FakeApiServer.start([
      { method: 'POST', path: /configmaps$/, status: 201, body: {} },
      { method: 'PUT', path: /configmaps\//, status: 200, body: {} },
      { method: 'DELETE', path: /configmaps\//, status: 200, body: {} },
    ]);
    try {
      let now = Date.parse('2026-12-03T06:00:00Z');
      const lease = await LeaseConfigMap.create(
        api.client('faultline'),
        'r1',
        { pid: 1, startTicks: 1 },
        () => new Date(now),
      );
      now += 5000;
      await lease.add({ id: 'r1-1', kind: 'broker-app-stop', leaseMs: 1000, recordedAt: 'x' });
      await lease.remove('r1-1');
      await lease.delete();
      const writes = api.writes();
      assert.deepEqual(
        writes.map((w) => w.method),
        ['POST', 'PUT', 'PUT', 'DELETE'],
      );
      const put = writes[1]?.body as {
        metadata: { annotations: Record<string, string> };
        data: Record<string, string>;
      };
      assert.equal(put.metadata.annotations[RENEWED_AT], '2026-12-03T06:00:05.000Z');
      assert.equal((JSON.parse(put.data[LEASE_DATA_KEY] ?? '') as { faults: unknown[] }).faults.length, 1);
      assert.equal(lease.path, 'configmap/faultline/faultline-run-r1');
    } finally {
      await api.close();
    }
  });
});

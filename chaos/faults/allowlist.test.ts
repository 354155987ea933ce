import assert from 'node:assert/strict';
import { FaultlineError } from '../errors.js';
import { assertFaultAllowed, refusalReason } from './allowlist.js';
import type { FaultAllowlist, FaultRequest } from './fault-record.js';

const allow: FaultAllowlist = { links: ['payment-psp'], services: ['payment'], brokerDisposable: false };
const toxic = { type: 'latency', stream: 'downstream', toxicity: 1, attributes: { latency: 100 } } as const;

describe('fault allowlist', function () {
  const cases: [string, FaultRequest, boolean][] = [
    ['a toxic on an allowed link', { kind: 'toxic', link: 'payment-psp', toxic, leaseMs: 1000 }, true],
    ['a toxic on another link', { kind: 'toxic', link: 'order-db', toxic, leaseMs: 1000 }, false],
    ['a link-down on another link', { kind: 'link-down', link: 'gateway-order', leaseMs: 1000 }, false],
    ['a pause of an allowed service', { kind: 'process-pause', service: 'payment', leaseMs: 1000 }, true],
    ['a kill of another service', { kind: 'process-kill', service: 'order', leaseMs: 1000 }, false],
    ['a broker alarm on a shared broker', { kind: 'broker-memory-alarm', leaseMs: 1000 }, false],
    ['a broker stop on a shared broker', { kind: 'broker-app-stop', leaseMs: 1000 }, false],
  ];
  for (const [what, request, allowed] of cases) {
    it(`${allowed ? 'allows' : 'refuses'} ${what}`, function () {
      assert.equal(refusalReason(request, allow) === undefined, allowed);
    });
  }

  it('allows broker faults only when the broker is marked disposable', function () {
    const req: FaultRequest = { kind: 'broker-app-stop', leaseMs: 1000 };
    assert.equal(refusalReason(req, { ...allow, brokerDisposable: true }), undefined);
  });

  it('throws ERR_INPUT_FAULT_NOT_ALLOWED naming the target', function () {
    assert.throws(
      () => assertFaultAllowed({ kind: 'link-down', link: 'order-db', leaseMs: 1000 }, allow),
      (err: unknown) =>
        err instanceof FaultlineError &&
        err.code === 'ERR_INPUT_FAULT_NOT_ALLOWED' &&
        err.message.includes('order-db'),
    );
  });

  for (const leaseMs of [0, -1, 1.5, Number.NaN, 2 * 60 * 60 * 1000]) {
    it(`refuses a lease of ${leaseMs} ms`, function () {
      assert.throws(
        () => assertFaultAllowed({ kind: 'link-down', link: 'payment-psp', leaseMs }, allow),
        (err: unknown) => err instanceof FaultlineError && err.code === 'ERR_INPUT_FAULT_LEASE',
      );
    });
  }
});

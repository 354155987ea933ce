import { strict as assert } from 'node:assert';
import { ServiceError } from '../errors.js';
import { isDependencyUnavailable } from './unavailable.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDependencyUnavailable', () => {
  const cases: { name: string; err: unknown; unavailable: boolean }[] = [
    {
      name: 'a refused connection',
      err: withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      unavailable: true,
    },
    { name: 'a reset connection', err: withCode('read ECONNRESET', 'ECONNRESET'), unavailable: true },
    {
      name: 'node-postgres losing its connection',
      err: new Error('Connection terminated unexpectedly'),
      unavailable: true,
    },
    {
      name: 'a pool checkout timeout',
      err: new Error('timeout exceeded when trying to connect'),
      unavailable: true,
    },
    {
      name: 'an admin shutdown (57P01)',
      err: withCode('terminating connection due to administrator command', '57P01'),
      unavailable: true,
    },
    {
      name: 'a connection exception (08006)',
      err: withCode('connection failure', '08006'),
      unavailable: true,
    },
    {
      name: 'the broker being down',
      err: new ServiceError('ERR_AMQP_UNAVAILABLE', 'broker connection is down'),
      unavailable: true,
    },
    {
      name: 'a compensation peer behind an open breaker',
      err: new ServiceError('ERR_PEER_UNAVAILABLE', 'psp refund deferred: breaker open'),
      unavailable: true,
    },
    {
      name: 'a refund the psp refused (spends an attempt)',
      err: new ServiceError('ERR_PAYMENT_REFUND', 'psp refund failed: 503'),
      unavailable: false,
    },
    {
      name: 'a wrapped refused connection',
      err: new ServiceError('ERR_X', 'failed', { cause: withCode('connect ECONNREFUSED', 'ECONNREFUSED') }),
      unavailable: true,
    },
    { name: 'a unique violation (23505)', err: withCode('duplicate key', '23505'), unavailable: false },
    {
      name: 'a failed refund',
      err: new ServiceError('ERR_PAYMENT_REFUND', 'psp refund failed: 503'),
      unavailable: false,
    },
    { name: 'a plain error', err: new Error('boom'), unavailable: false },
    { name: 'a non-error', err: 'boom', unavailable: false },
  ];
  for (const c of cases)
    it(`treats ${c.name} as ${c.unavailable ? 'an outage' : 'a failed attempt'}`, () =>
      assert.equal(isDependencyUnavailable(c.err), c.unavailable));
});

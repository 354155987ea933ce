import assert from 'node:assert/strict';
import { formatAddress, resolveListen, splitHostPort } from './address.js';
import { matchRoute, ROUTES } from './api-routes.js';
import { requestId } from './request-id.js';

describe('addresses, routes and request ids', () => {
  it('splits host and port like Go and reports its errors', () => {
    assert.deepEqual(splitHostPort('127.0.0.1:80'), { host: '127.0.0.1', port: '80' });
    assert.deepEqual(splitHostPort('[::1]:80'), { host: '::1', port: '80' });
    assert.throws(() => splitHostPort('bad:addr:x'), /address bad:addr:x: too many colons in address/);
    assert.throws(() => splitHostPort('nocolon'), /missing port in address/);
  });

  it('formats IPv6 addresses in brackets', () => {
    assert.equal(formatAddress('::', 5), '[::]:5');
    assert.equal(formatAddress('127.0.0.1', 5), '127.0.0.1:5');
  });

  it('resolves localhost to IPv4 and an empty listen to every interface', async () => {
    assert.deepEqual(await resolveListen('localhost:30005'), { host: '127.0.0.1', port: 30005 });
    assert.deepEqual(await resolveListen(''), { host: '::', port: 0 });
  });

  it('matches routes without trailing slashes and captures names', () => {
    assert.deepEqual(matchRoute(ROUTES, '/proxies/p1/toxics/t1')?.params, { proxy: 'p1', toxic: 't1' });
    assert.equal(matchRoute(ROUTES, '/proxies/p1/'), undefined);
    assert.equal(matchRoute(ROUTES, '/nope'), undefined);
  });

  it('makes 20-character base32hex request ids that differ', () => {
    const a = requestId();
    assert.match(a, /^[0-9a-v]{20}$/);
    assert.notEqual(requestId(), a);
  });
});

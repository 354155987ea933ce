import { strict as assert } from 'node:assert';
import { resolveLink } from './links.js';

describe('resolveLink', () => {
  const links = [
    { name: 'payment-psp', listen: '127.0.0.1:21022', upstream: '127.0.0.1:8085', enabled: true },
  ];
  it('connects straight to the upstream by default', () => {
    assert.deepEqual(resolveLink(links, 'payment-psp', false), { host: '127.0.0.1', port: 8085 });
  });
  it('connects to the proxy listen address when switched to the proxy', () => {
    assert.deepEqual(resolveLink(links, 'payment-psp', true), { host: '127.0.0.1', port: 21022 });
  });
  it('names the missing link', () => {
    assert.throws(() => resolveLink(links, 'order-amqp', false), /order-amqp/);
  });
});

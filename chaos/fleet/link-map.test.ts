import { strict as assert } from 'node:assert';
import { relocateLinks } from './link-map.js';

describe('relocateLinks', () => {
  const links = [
    { name: 'gateway-order', listen: '127.0.0.1:21000', upstream: '127.0.0.1:8081', enabled: true },
    { name: 'order-postgres', listen: '127.0.0.1:21010', upstream: '127.0.0.1:5432', enabled: true },
  ];
  it('moves HTTP upstreams and listen ports to the new blocks', () => {
    const out = relocateLinks(links, 30000, 40000);
    assert.equal(out[0]?.upstream, '127.0.0.1:30001');
    assert.equal(out[0]?.listen, '127.0.0.1:40000');
  });
  it('leaves database and broker upstreams alone', () => {
    assert.equal(relocateLinks(links, 30000, 40000)[1]?.upstream, '127.0.0.1:5432');
  });
});

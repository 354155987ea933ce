import { strict as assert } from 'node:assert';
import { parseLinkTraffic } from './link-traffic.js';

describe('parseLinkTraffic', () => {
  it('reads bytes sent per link and direction from the proxy metrics', () => {
    const text = [
      '# HELP toxiproxy_proxy_received_bytes_total The total bytes received from the connection',
      '# TYPE toxiproxy_proxy_received_bytes_total counter',
      'toxiproxy_proxy_received_bytes_total{direction="upstream",listener="127.0.0.1:1",proxy="a",upstream="x:2"} 999',
      '# TYPE toxiproxy_proxy_sent_bytes_total counter',
      'toxiproxy_proxy_sent_bytes_total{direction="downstream",listener="127.0.0.1:1",proxy="a",upstream="x:2"} 120',
      'toxiproxy_proxy_sent_bytes_total{direction="upstream",listener="127.0.0.1:1",proxy="a",upstream="x:2"} 35',
      'toxiproxy_proxy_sent_bytes_total{direction="upstream",listener="127.0.0.1:3",proxy="b-\\"q\\"",upstream="x:4"} 1e+06',
    ].join('\n');
    assert.deepEqual(
      [...parseLinkTraffic(text)],
      [
        ['a', { upstream: 35, downstream: 120 }],
        ['b-"q"', { upstream: 1e6, downstream: 0 }],
      ],
    );
  });

  it('returns no links for an empty body (no connection has ended yet)', () => {
    assert.equal(parseLinkTraffic('').size, 0);
  });
});

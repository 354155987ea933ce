import assert from 'node:assert/strict';
import { findSample } from './prometheus-text.js';

const TEXT = [
  '# HELP toxiproxy_proxy_sent_bytes_total The total number of bytes sent to the client',
  '# TYPE toxiproxy_proxy_sent_bytes_total counter',
  'toxiproxy_proxy_sent_bytes_total{direction="downstream",listener="127.0.0.1:1",proxy="a",upstream="x:1"} 12',
  'toxiproxy_proxy_sent_bytes_total{upstream="x:1",proxy="b",listener="127.0.0.1:2",direction="upstream"} 7',
  'toxiproxy_proxy_sent_bytes_total{direction="upstream",proxy="q\\"uote"} 3',
  'process_open_fds 9',
].join('\n');

describe('findSample', () => {
  it('matches a sample by a subset of its labels', () => {
    assert.equal(findSample(TEXT, 'toxiproxy_proxy_sent_bytes_total', { proxy: 'a' }), 12);
  });

  it('ignores label order', () => {
    assert.equal(
      findSample(TEXT, 'toxiproxy_proxy_sent_bytes_total', { direction: 'upstream', proxy: 'b' }),
      7,
    );
  });

  it('unescapes quoted label values', () => {
    assert.equal(findSample(TEXT, 'toxiproxy_proxy_sent_bytes_total', { proxy: 'q"uote' }), 3);
  });

  it('reads samples without labels', () => {
    assert.equal(findSample(TEXT, 'process_open_fds', {}), 9);
  });

  it('returns undefined when no sample matches', () => {
    assert.equal(findSample(TEXT, 'toxiproxy_proxy_sent_bytes_total', { proxy: 'missing' }), undefined);
    assert.equal(findSample(TEXT, 'nope', {}), undefined);
  });
});

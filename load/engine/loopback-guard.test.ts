import assert from 'node:assert/strict';
import { hostOf } from '../journeys/loopback-host.js';
import { assertLoopbackTarget, isLoopbackHost } from './loopback-guard.js';

describe('loopback guard', () => {
  for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '[::1]']) {
    it(`allows ${host}`, () => assert.equal(isLoopbackHost(host), true));
  }
  for (const host of ['10.0.0.1', '128.0.0.1', 'example.com', '127.0.0.256', '127.0.0', '0.0.0.0']) {
    it(`refuses ${host}`, () => assert.equal(isLoopbackHost(host), false));
  }
  it('throws ERR_INPUT_LOAD_TARGET_NOT_LOOPBACK for a remote target', () => {
    assert.throws(() => assertLoopbackTarget('http://example.com:8080'), {
      code: 'ERR_INPUT_LOAD_TARGET_NOT_LOOPBACK',
    });
  });
  it('throws ERR_INPUT_LOAD_TARGET_URL for a non-URL and a non-http scheme', () => {
    assert.throws(() => assertLoopbackTarget('nope'), { code: 'ERR_INPUT_LOAD_TARGET_URL' });
    assert.throws(() => assertLoopbackTarget('ftp://127.0.0.1/'), { code: 'ERR_INPUT_LOAD_TARGET_URL' });
  });
  it('extracts the host without URL, as the k6 script does', () => {
    assert.equal(hostOf('http://127.0.0.1:8080/x'), '127.0.0.1');
    assert.equal(hostOf('https://[::1]:1/'), '[::1]');
    assert.equal(hostOf('HTTP://LocalHost'), 'localhost');
    assert.equal(hostOf('gateway:8080'), undefined);
  });
});

import { strict as assert } from 'node:assert';
import { ServiceError } from '../platform/errors.js';
import { describeGatewayConfig, loadGatewayConfig, parseSize } from './config.js';

const noFile = (path: string): string => {
  throw new Error(`ENOENT: ${path}`);
};

describe('gateway config', () => {
  it('runs open with rate limiting on and CORS off when nothing is configured', () => {
    const c = loadGatewayConfig({}, noFile);
    assert.equal(c.apiKeys.length, 0);
    assert.deepEqual(c.rateLimit, { ratePerSec: 1000, burst: 2000 });
    assert.deepEqual(c.GATEWAY_CORS_ORIGINS, []);
    assert.equal(c.bodyLimitBytes, 64 * 1024);
    assert.deepEqual([c.BULKHEAD_LIMIT, c.BULKHEAD_QUEUE], [64, 128], 'the fan-in bulkhead is wide');
    assert.deepEqual(
      [loadGatewayConfig({ BULKHEAD_LIMIT: '5' }, noFile).BULKHEAD_LIMIT],
      [5],
      'and still set by env',
    );
    const shown = describeGatewayConfig(c);
    assert.deepEqual(shown['auth'], { mode: 'off' });
    assert.equal(shown['cors'], 'off');
  });

  it('merges keys from the env list and the key file, and shows only their labels', () => {
    const c = loadGatewayConfig(
      { GATEWAY_API_KEYS: 'env:env-key-00001', GATEWAY_API_KEYS_FILE: '/keys' },
      () => '# keys\nfile:file-key-00001\n\n',
    );
    assert.deepEqual(
      c.apiKeys.map((k) => k.label),
      ['env', 'file'],
    );
    const shown = JSON.stringify(describeGatewayConfig(c));
    assert.ok(!shown.includes('env-key-00001') && !shown.includes('file-key-00001'));
    assert.match(shown, /"mode":"api-key"/);
  });

  it('switches authentication and rate limiting off', () => {
    const c = loadGatewayConfig(
      { GATEWAY_API_KEYS: 'k:some-key-0001', GATEWAY_AUTH: 'off', GATEWAY_RATE_LIMIT: 'off' },
      noFile,
    );
    assert.equal(c.apiKeys.length, 0);
    assert.equal(c.rateLimit, undefined);
  });

  it('reports every problem at once: env vars, key entries, the key file and auth on without keys', () => {
    const bad = () =>
      loadGatewayConfig(
        {
          GATEWAY_RATE_LIMIT_RPS: '0',
          GATEWAY_BODY_LIMIT: 'huge',
          GATEWAY_CORS_ORIGINS: 'not an origin',
          GATEWAY_API_KEYS: 'tiny',
          GATEWAY_API_KEYS_FILE: '/missing',
        },
        noFile,
      );
    assert.throws(bad, (err: unknown) => {
      assert.ok(err instanceof ServiceError);
      assert.equal(err.code, 'ERR_CONFIG_INVALID');
      for (const what of [
        'GATEWAY_RATE_LIMIT_RPS',
        'GATEWAY_BODY_LIMIT',
        'GATEWAY_CORS_ORIGINS',
        'GATEWAY_API_KEYS entry 1',
        'cannot read /missing',
      ])
        assert.ok(err.message.includes(what), `${what} missing from:\n${err.message}`);
      assert.ok(!err.message.includes('tiny'), 'a key never appears in an error');
      return true;
    });
    assert.throws(() => loadGatewayConfig({ GATEWAY_AUTH: 'on' }, noFile), /GATEWAY_AUTH: on, but neither/);
    assert.throws(
      () => loadGatewayConfig({ GATEWAY_API_KEYS_FILE: '/empty' }, () => '# none\n'),
      /holds no key/,
    );
  });

  it('parses sizes', () => {
    assert.equal(parseSize('512b'), 512);
    assert.equal(parseSize('1kb'), 1024);
    assert.equal(parseSize('2mb'), 2 * 1024 * 1024);
  });
});

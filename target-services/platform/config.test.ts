import { strict as assert } from 'node:assert';
import { backendConfigSchema, loadConfig, redactConfig } from './config.js';
import { ServiceError } from './errors.js';

describe('loadConfig', () => {
  it('reports every problem at once', () => {
    try {
      loadConfig(backendConfigSchema, { AMQP_PREFETCH: '-1', FAULTLINE_OUTBOX: 'maybe', LOG_LEVEL: 'loud' });
      assert.fail('expected an error');
    } catch (err) {
      assert.ok(err instanceof ServiceError);
      assert.equal(err.code, 'ERR_CONFIG_INVALID');
      for (const key of ['AMQP_PREFETCH', 'FAULTLINE_OUTBOX', 'LOG_LEVEL'])
        assert.match(err.message, new RegExp(key));
    }
  });
  it('applies defaults, with every switch on', () => {
    const c = loadConfig(backendConfigSchema, {});
    assert.equal(c.FAULTLINE_OUTBOX, true);
    assert.equal(c.FAULTLINE_INBOX, true);
    assert.equal(c.AMQP_PREFETCH, 20);
  });
  it('redacts secrets before logging', () => {
    const shown = redactConfig({ PGPASSWORD: 'hunter2', AMQP_PASSWORD: 'guest', PGUSER: 'postgres' });
    assert.deepEqual(shown, { PGPASSWORD: '[redacted]', AMQP_PASSWORD: '[redacted]', PGUSER: 'postgres' });
  });
});

describe('redactConfig for the admin endpoint', () => {
  it('redacts every *KEY*, *SECRET*, *PASSWORD* and *TOKEN* value and DSN passwords', () => {
    const shown = redactConfig({
      GATEWAY_API_KEYS: 'k1,k2',
      CLIENT_SECRET: 's',
      AUTH_TOKEN: 't',
      DATABASE_URL: 'postgres://app:hunter2@db:5432/x',
      AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672/%2F',
      PLAIN_URL: 'http://127.0.0.1:4318',
      RETRY_ATTEMPTS: 3,
    });
    assert.deepEqual(shown, {
      GATEWAY_API_KEYS: '[redacted]',
      CLIENT_SECRET: '[redacted]',
      AUTH_TOKEN: '[redacted]',
      DATABASE_URL: 'postgres://app:[redacted]@db:5432/x',
      AMQP_URL: 'amqp://guest:[redacted]@127.0.0.1:5672/%2F',
      PLAIN_URL: 'http://127.0.0.1:4318',
      RETRY_ATTEMPTS: 3,
    });
  });
  it('turns every resilience pattern on by default', () => {
    const c = loadConfig(backendConfigSchema, {});
    for (const k of [
      'FAULTLINE_TIMEOUTS',
      'FAULTLINE_RETRIES',
      'FAULTLINE_RETRY_BUDGET',
      'FAULTLINE_BREAKER',
      'FAULTLINE_BULKHEAD',
    ] as const)
      assert.equal(c[k], true, k);
  });
});

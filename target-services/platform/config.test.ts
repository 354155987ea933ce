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

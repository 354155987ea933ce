import { strict as assert } from 'node:assert';
import { backendConfigSchema, loadConfig } from './config.js';
import { effectiveSwitches, SWITCHES } from './switches.js';

describe('the switch list', () => {
  it('lists every FAULTLINE_* pattern switch of the shared config schema', () => {
    const listed = new Set<string>(SWITCHES.map((s) => s.env));
    const config = loadConfig(backendConfigSchema, {});
    const switches = Object.keys(config).filter(
      (k) =>
        k.startsWith('FAULTLINE_') &&
        typeof config[k as keyof typeof config] === 'boolean' &&
        k !== 'FAULTLINE_VIA_PROXY',
    );
    assert.deepEqual(
      switches.filter((k) => !listed.has(k)),
      [],
    );
  });
  it('shows the effective value of each switch the config holds, and only those', () => {
    const c = loadConfig(backendConfigSchema, { FAULTLINE_BREAKER: 'off' });
    const shown = effectiveSwitches(c);
    assert.equal(shown.FAULTLINE_BREAKER, false);
    assert.equal(shown.FAULTLINE_OUTBOX, true);
    assert.equal('FAULTLINE_STEP_TIMEOUTS' in shown, false);
  });
});

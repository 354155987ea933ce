import assert from 'node:assert/strict';
import { selectDriver } from './select-driver.js';

const ok = (): string => 'v0.48.0';

describe('selectDriver', () => {
  it('uses the built-in engine for auto when k6 is not installed', () => {
    assert.equal(selectDriver('auto', { PATH: '/nowhere' }, 'x.js', () => false).engine, 'builtin');
  });
  it('uses k6 for auto when K6_BIN is set or k6 is on PATH', () => {
    assert.equal(selectDriver('auto', { K6_BIN: '/opt/k6' }, 'x.js', () => false, ok).engine, 'k6');
    assert.equal(selectDriver('auto', { PATH: '/bin' }, 'x.js', (p) => p === '/bin/k6', ok).engine, 'k6');
  });
  it('uses the built-in engine when asked even if k6 exists', () => {
    assert.equal(selectDriver('builtin', { K6_BIN: '/opt/k6' }, 'x.js', () => true).engine, 'builtin');
  });
  it('runs the pre-flight check on the k6 it found and lets its error through', () => {
    const seen: string[] = [];
    const broken = (bin: string): string => {
      seen.push(bin);
      throw Object.assign(new Error('cannot run'), { code: 'ERR_LOAD_K6_MISSING' });
    };
    assert.throws(() => selectDriver('auto', { K6_BIN: '/x/k6' }, 'x.js', () => true, broken), {
      code: 'ERR_LOAD_K6_MISSING',
    });
    assert.deepEqual(seen, ['/x/k6']);
  });
  it('fails with ERR_INPUT_LOAD_K6_NOT_FOUND when k6 is asked for but missing', () => {
    assert.throws(() => selectDriver('k6', { PATH: '' }, 'x.js', () => false), {
      code: 'ERR_INPUT_LOAD_K6_NOT_FOUND',
    });
  });
});

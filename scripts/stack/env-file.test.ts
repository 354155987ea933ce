import assert from 'node:assert/strict';
import { interpolate, parseEnvFile } from './env-file.js';

describe('compose env interpolation', () => {
  it('reads KEY=value lines and skips comments', () => {
    assert.deepEqual(parseEnvFile('# c\nA=1\n\nB=x=y\n'), { A: '1', B: 'x=y' });
  });

  it('substitutes values and defaults and names the missing ones', () => {
    const r = interpolate('${A} ${B:-two} ${C}', { A: 'one' });
    assert.equal(r.text, 'one two ');
    assert.deepEqual(r.missing, ['C']);
  });
});

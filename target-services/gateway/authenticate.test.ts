import { strict as assert } from 'node:assert';
import { presentedKey } from './authenticate.js';

describe('presentedKey', () => {
  const cases: [string | undefined, string | undefined, string | undefined][] = [
    ['Bearer abc-123-xyz', undefined, 'abc-123-xyz'],
    ['bearer  abc-123-xyz ', undefined, 'abc-123-xyz'],
    ['Bearer abc-123-xyz', 'other-key', 'abc-123-xyz'],
    [undefined, 'x-key-123', 'x-key-123'],
    ['Basic dXNlcjpwYXNz', 'x-key-123', 'x-key-123'],
    ['Basic dXNlcjpwYXNz', undefined, undefined],
    ['Bearer', undefined, undefined],
    [undefined, '', undefined],
    [undefined, undefined, undefined],
  ];
  for (const [authorization, xApiKey, expected] of cases)
    it(`reads ${JSON.stringify({ authorization, xApiKey })} as ${expected ?? 'no key'}`, () => {
      assert.equal(presentedKey(authorization, xApiKey), expected);
    });
});

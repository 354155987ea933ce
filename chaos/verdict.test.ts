import assert from 'node:assert/strict';
import { combineVerdicts, type Verdict } from './verdict.js';

describe('combineVerdicts', () => {
  const cases: Array<[Verdict[], Verdict]> = [
    [[], 'inconclusive'],
    [['pass'], 'pass'],
    [['pass', 'pass'], 'pass'],
    [['pass', 'inconclusive'], 'inconclusive'],
    [['inconclusive', 'fail'], 'fail'],
    [['pass', 'fail', 'pass'], 'fail'],
  ];
  for (const [input, expected] of cases) {
    it(`folds [${input.join(', ')}] into ${expected}`, () => {
      assert.equal(combineVerdicts(input), expected);
    });
  }
});

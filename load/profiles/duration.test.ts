import assert from 'node:assert/strict';
import { parseDurationMs } from './duration.js';

describe('parseDurationMs', () => {
  const cases: [string, number | undefined][] = [
    ['500ms', 500],
    ['30s', 30_000],
    ['1m30s', 90_000],
    ['2h', 7_200_000],
    ['1.5s', 1500],
    ['', undefined],
    ['10', undefined],
    ['5x', undefined],
    ['-1s', undefined],
    ['1s junk', undefined],
  ];
  for (const [text, expected] of cases) {
    it(`reads ${JSON.stringify(text)} as ${String(expected)}`, () => {
      assert.equal(parseDurationMs(text), expected);
    });
  }
});

import assert from 'node:assert/strict';
import { parseWatermark } from './broker-watermark.js';

describe('parsing the broker memory watermark', function () {
  const cases: [string, string[]][] = [
    ['0.4\n', ['0.4']],
    ['1\n', ['1']],
    ['{absolute,1073741824}\n', ['absolute', '1073741824']],
    ['{absolute,"1GB"}', ['absolute', '1GB']],
  ];
  for (const [printed, args] of cases) {
    it(`restores ${printed.trim()} with set_vm_memory_high_watermark ${args.join(' ')}`, function () {
      assert.deepEqual(parseWatermark(printed), args);
    });
  }

  it('refuses output it does not understand instead of guessing', function () {
    assert.throws(() => parseWatermark('Error: unable to perform an operation'), /cannot parse/);
  });
});

import assert from 'node:assert/strict';
import { faultAnnotations } from './grafana-annotations.js';

describe('faultAnnotations', () => {
  it('makes one region per fault window, tagged faultline, the run id and the fault name', () => {
    const [a] = faultAnnotations(
      'run-1',
      1_000_000,
      [
        {
          name: 'psp-slow',
          kind: 'toxic',
          target: 'payment-psp',
          appliedMs: 1000,
          removedMs: 9000,
          errors: [],
        },
      ],
      1_020_000,
    );
    assert.deepEqual(a, {
      time: 1_001_000,
      timeEnd: 1_009_000,
      tags: ['faultline', 'run-1', 'psp-slow'],
      text: 'faultline fault psp-slow: toxic on payment-psp (8000 ms)',
    });
  });

  it('ends a window that was never closed at the end of the run and names its errors', () => {
    const [a] = faultAnnotations(
      'r',
      0,
      [
        {
          name: 'down',
          kind: 'link-down',
          target: 'x-y',
          appliedMs: 500,
          errors: ['remove failed: refused'],
        },
      ],
      7000,
    );
    assert.equal(a?.timeEnd, 7000);
    assert.equal(
      a?.text,
      'faultline fault down: link-down on x-y (not removed); errors: remove failed: refused',
    );
  });
});

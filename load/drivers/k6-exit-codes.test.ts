import assert from 'node:assert/strict';
import { k6Ending } from './k6-exit-codes.js';
import { isSupportedK6, parseK6Version } from './k6-version.js';

describe('k6Ending', () => {
  const cases: [string, number | null, string | null, boolean, unknown][] = [
    ['exit 0 completes', 0, null, false, { kind: 'completed', thresholdsFailed: false }],
    [
      'exit 99 completes with failed thresholds',
      99,
      null,
      false,
      { kind: 'completed', thresholdsFailed: true },
    ],
    ['exit 105 after our SIGINT is an interrupt', 105, null, true, { kind: 'interrupted' }],
  ];
  for (const [name, code, signal, ours, expected] of cases)
    it(name, () => assert.deepEqual(k6Ending(code, signal, ours), expected));

  it('maps every other ending to a k6 error with a stable code', () => {
    const code = (c: number | null, s: string | null = null, ours = false) => {
      const e = k6Ending(c, s, ours);
      return e.kind === 'error' ? e.code : e.kind;
    };
    assert.equal(code(105), 'ERR_LOAD_K6_ABORTED');
    assert.equal(code(107), 'ERR_LOAD_K6_SCRIPT');
    assert.equal(code(108), 'ERR_LOAD_K6_FAILED');
    assert.equal(code(104), 'ERR_LOAD_K6_FAILED');
    assert.equal(code(1), 'ERR_LOAD_K6_FAILED');
    assert.equal(code(null, 'SIGKILL'), 'ERR_LOAD_K6_KILLED');
    assert.equal(code(null, 'SIGKILL', true), 'ERR_LOAD_K6_KILLED');
  });
});

describe('k6 version check', () => {
  it('reads the version from `k6 version` output', () => {
    assert.deepEqual(parseK6Version('k6 v0.48.0 (go1.19.8, linux/amd64)'), [0, 48, 0]);
    assert.deepEqual(
      parseK6Version('k6 v1.2.3 (commit/abc, go1.24, linux/amd64)\nExtensions: ...'),
      [1, 2, 3],
    );
    assert.equal(parseK6Version('toxiproxy-server version 2.12.0'), undefined);
  });
  it('supports v0.48.0 up to, not including, v2', () => {
    assert.equal(isSupportedK6([0, 47, 9]), false);
    assert.equal(isSupportedK6([0, 48, 0]), true);
    assert.equal(isSupportedK6([1, 4, 0]), true);
    assert.equal(isSupportedK6([2, 0, 0]), false);
  });
});

import assert from 'node:assert/strict';
import { BUILTIN_PROFILES } from '../profiles/builtin-profiles.js';
import { findK6, k6Command } from './k6-command.js';

const profile = BUILTIN_PROFILES['smoke']!;

describe('k6Command', () => {
  it('passes the profile as JSON and the target through -e, script last', () => {
    const { command, args } = k6Command({
      k6Bin: '/opt/k6',
      scriptPath: 'dist/k6/faultline.js',
      profile,
      baseUrl: 'http://127.0.0.1:8080',
      apiKey: 'k',
      runId: 'run-1',
      summaryPath: '/tmp/s.json',
    });
    assert.equal(command, '/opt/k6');
    assert.deepEqual(args.slice(0, 3), ['run', '--no-color', '--quiet']);
    assert.equal(args.at(-1), 'dist/k6/faultline.js');
    const vars = Object.fromEntries(
      args.flatMap((a, i) => (args[i - 1] === '-e' ? [a.split(/=(.*)/s).slice(0, 2)] : [])),
    ) as Record<string, string>;
    assert.deepEqual(JSON.parse(vars['FAULTLINE_PROFILE'] ?? ''), profile);
    assert.equal(vars['BASE_URL'], 'http://127.0.0.1:8080');
    assert.equal(vars['RUN_ID'], 'run-1');
    assert.equal(vars['SUMMARY_PATH'], '/tmp/s.json');
  });
});

describe('findK6', () => {
  it('prefers K6_BIN', () => {
    assert.equal(
      findK6({ K6_BIN: '/x/k6', PATH: '/usr/bin' }, () => true),
      '/x/k6',
    );
  });
  it('searches PATH in order for an executable k6', () => {
    assert.equal(
      findK6({ PATH: '/a:/b/:/c' }, (p) => p === '/b/k6' || p === '/c/k6'),
      '/b/k6',
    );
  });
  it('returns undefined when k6 is nowhere', () => {
    assert.equal(
      findK6({ PATH: '/a:/b' }, () => false),
      undefined,
    );
    assert.equal(
      findK6({}, () => true),
      undefined,
    );
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EXIT_CODES, exitCode } from './exit-codes.js';

const README = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');

describe('exit-code table', function () {
  it('has unique names and unique codes', function () {
    assert.equal(new Set(EXIT_CODES.map((r) => r.name)).size, EXIT_CODES.length);
    assert.equal(new Set(EXIT_CODES.map((r) => r.code)).size, EXIT_CODES.length);
  });

  it('gives a suite regression its own code, 6, distinct from a failure', function () {
    assert.equal(exitCode('regressed'), 6);
    assert.notEqual(exitCode('regressed'), exitCode('fail'));
  });

  it('is the table the README shows, row for row', function () {
    for (const row of EXIT_CODES)
      assert.ok(
        README.includes(`| ${row.code} | ${row.name} | ${row.meaning} |`),
        `README lacks ${row.name}`,
      );
  });
});

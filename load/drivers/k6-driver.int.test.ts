import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILTIN_PROFILES } from '../profiles/builtin-profiles.js';
import { k6Driver } from './k6-driver.js';

/**
 * Real k6 cannot be installed here, so a stand-in executable plays k6's process contract: it
 * records its argv, writes a summary where SUMMARY_PATH says and exits with the given code.
 */
function standInK6(dir: string, exitCode: number, summary: unknown): string {
  const path = join(dir, 'k6');
  const script = `#!/usr/bin/env node
const fs = require('node:fs');
const args = process.argv.slice(2);
fs.writeFileSync(${JSON.stringify(join(dir, 'argv.json'))}, JSON.stringify(args));
const summaryPath = args.find((a) => a.startsWith('SUMMARY_PATH=')).slice('SUMMARY_PATH='.length);
fs.writeFileSync(summaryPath, ${JSON.stringify(JSON.stringify(summary))});
process.exit(${exitCode});
`;
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  return path;
}

const SUMMARY = {
  metrics: {
    'dropped_iterations{phase:inject}': {
      type: 'counter',
      values: { count: 2, rate: 1 },
      thresholds: { 'count==0': { ok: false } },
    },
  },
  state: { testRunDurationMs: 1000 },
};

describe('k6 driver with a stand-in k6 process', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'faultline-k6-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const request = () => ({
    profile: BUILTIN_PROFILES['smoke']!,
    baseUrl: 'http://127.0.0.1:9',
    apiKey: 'k',
    runId: 'r1',
    workDir: dir,
  });

  it('runs k6 with the script and profile, reads its summary and reports failed thresholds (exit 99)', async () => {
    const driver = k6Driver(standInK6(dir, 99, SUMMARY), 'dist/k6/faultline.js');
    const outcome = await driver.run(request());
    assert.equal(outcome.engine, 'k6');
    assert.equal(outcome.thresholdsFailed, true);
    assert.equal(outcome.view.value('dropped_iterations', 'count', { phase: 'inject' }), 2);
    const argv = JSON.parse(readFileSync(join(dir, 'argv.json'), 'utf8')) as string[];
    assert.equal(argv[0], 'run');
    assert.equal(argv.at(-1), 'dist/k6/faultline.js');
  });

  it('fails with ERR_LOAD_K6_FAILED when k6 exits with another error code', async () => {
    const driver = k6Driver(standInK6(dir, 107, SUMMARY), 'dist/k6/faultline.js');
    await assert.rejects(driver.run(request()), { code: 'ERR_LOAD_K6_FAILED' });
  });

  it('fails with ERR_LOAD_K6_START when the binary does not exist', async () => {
    await assert.rejects(k6Driver(join(dir, 'missing'), 'x.js').run(request()), {
      code: 'ERR_LOAD_K6_START',
    });
  });
});

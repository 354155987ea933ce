import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Journal } from '../report/journal.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURE = 'chaos/runner/fixtures/pattern-off-inbox-redelivery.yaml';

/** Runs the real CLI on the fixture and resolves with its exit code and output. */
function runCli(work: string): Promise<{ code: number | null; output: string }> {
  const args = [
    'bin/faultline.js',
    'run',
    FIXTURE,
    '--runs-dir',
    join(work, 'runs'),
    '--state-dir',
    join(work, 'state'),
  ];
  const child = spawn(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

describe('a "pattern off" experiment through the CLI (inbox off, redelivery)', function () {
  this.timeout(240_000);
  let work = '';
  before(() => (work = mkdtempSync(join(tmpdir(), 'faultline-pattern-off-'))));
  after(() => rmSync(work, { recursive: true, force: true }));

  it('fails with exit code 1 and the journal names the broken invariant', async () => {
    const { code, output } = await runCli(work);
    assert.equal(code, 1, `exit code 1 (fail) expected; output:\n${output}`);
    const runs = readdirSync(join(work, 'runs'));
    assert.equal(runs.length, 1, `one run folder, got ${runs.join(', ')}`);
    const journal = JSON.parse(
      readFileSync(join(work, 'runs', runs[0] as string, 'journal.json'), 'utf8'),
    ) as Journal;
    assert.equal(journal.verdict, 'fail');
    assert.equal(journal.exit, 'fail');
    const failed = journal.checks.filter((c) => c.verdict === 'fail');
    assert.deepEqual(
      failed.map((c) => [c.kind, c.title]),
      [['invariant', 'no order has more than one authorized charge']],
      'the only failed check is the no-double-capture invariant',
    );
    assert.ok(
      journal.invariantViolations.some((v) => v.invariant === 'no-double-capture'),
      'a no-double-capture violation is recorded',
    );
    const evidence = journal.checks.find((c) => c.kind === 'evidence');
    assert.equal(evidence?.verdict, 'pass', 'the fault took effect (slow PSP calls)');
  });
});

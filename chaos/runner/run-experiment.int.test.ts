import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Journal } from '../report/journal.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURE = 'chaos/runner/fixtures/short-psp-latency.yaml';
const GUARD_FIXTURE = 'chaos/runner/fixtures/short-psp-guard-abort.yaml';

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `bin/faultline.js run` on the fixture; `onLine` may act on the live output (e.g. send SIGINT). */
function runCli(
  work: string,
  onLine?: (line: string, pid: number) => void,
  fixture = FIXTURE,
): Promise<CliRun> {
  const args = [
    'bin/faultline.js',
    'run',
    fixture,
    '--runs-dir',
    join(work, 'runs'),
    '--state-dir',
    join(work, 'state'),
  ];
  const child = spawn(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => {
    const text = b.toString();
    stdout += text;
    for (const line of text.split('\n')) if (line) onLine?.(line, child.pid ?? 0);
  });
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

function readOnlyJournal(work: string): Journal {
  const runs = readdirSync(join(work, 'runs'));
  assert.equal(runs.length, 1, `one run folder, got ${runs.join(', ')}`);
  return JSON.parse(readFileSync(join(work, 'runs', runs[0] as string, 'journal.json'), 'utf8')) as Journal;
}

const stateFiles = (work: string): string[] => readdirSync(join(work, 'state'));

describe('faultline run (real fleet, proxy, RabbitMQ and PostgreSQL)', function () {
  this.timeout(180000);
  let work: string;
  beforeEach(() => (work = mkdtempSync(join(tmpdir(), 'faultline-runner-'))));
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('runs a short PSP latency experiment to a pass, with the fault window recorded and no toxic left', async () => {
    const run = await runCli(work);
    assert.equal(run.code, 0, `exit 0 expected\n${run.stdout}\n${run.stderr}`);
    const journal = readOnlyJournal(work);
    assert.equal(journal.status, 'completed');
    assert.equal(journal.verdict, 'pass');
    assert.deepEqual(
      journal.phases.map((p) => p.name),
      ['warmup', 'baseline', 'inject', 'recover'],
    );
    assert.equal(journal.faults.length, 1);
    const [window] = journal.faults;
    const inject = journal.phases[2];
    assert.ok(window && inject);
    assert.deepEqual(window.errors, []);
    assert.ok(window.appliedMs >= inject.startMs + 1000, `applied at ${window.appliedMs}`);
    assert.ok(window.removedMs !== undefined && window.removedMs > window.appliedMs);
    const evidence = journal.checks.find((c) => c.kind === 'evidence');
    assert.equal(evidence?.verdict, 'pass', evidence?.reason);
    assert.match(run.stdout, /proxy check: 0 link\(s\) left with toxics or disabled/);
    assert.deepEqual(stateFiles(work), [], 'no run-state file is left');
    for (const f of ['junit.xml', 'summary.md', 'report.html', 'spans.parquet'])
      assert.ok(readdirSync(join(work, 'runs', journal.runId)).includes(f), `${f} written`);
  });

  it('removes the fault and writes an interrupted journal when SIGINT arrives during inject', async () => {
    let sent = false;
    const run = await runCli(work, (line, pid) => {
      if (!sent && line.includes('fault psp-slow applied')) {
        sent = true;
        process.kill(pid, 'SIGINT');
      }
    });
    assert.ok(sent, `the fault was never applied\n${run.stdout}\n${run.stderr}`);
    assert.equal(run.code, 130, `${run.stdout}\n${run.stderr}`);
    const journal = readOnlyJournal(work);
    assert.equal(journal.status, 'interrupted');
    assert.equal(journal.exit, 'interrupted');
    assert.ok(journal.faults[0]?.removedMs !== undefined, 'the fault window is closed');
    assert.match(run.stdout, /proxy check: 0 link\(s\) left with toxics or disabled/);
    assert.deepEqual(stateFiles(work), [], 'no run-state file is left');
  });

  it('aborts inject when a guard breaches twice in a row, removing the fault before its planned end', async () => {
    const run = await runCli(work, undefined, GUARD_FIXTURE);
    assert.equal(run.code, 3, `exit 3 (aborted) expected\n${run.stdout}\n${run.stderr}`);
    const journal = readOnlyJournal(work);
    assert.equal(journal.status, 'aborted');
    const abort = journal.guardEvents.find((e) => e.type === 'abort');
    assert.ok(abort, JSON.stringify(journal.guardEvents));
    assert.equal(abort.consecutive, 2);
    const [window] = journal.faults;
    const planned = journal.experiment.faults[0];
    assert.ok(window?.removedMs !== undefined && planned, 'the fault window is closed');
    assert.ok(window.removedMs < planned.endMs, `removed at ${window.removedMs}, planned ${planned.endMs}`);
    assert.equal(journal.checks.find((c) => c.kind === 'guard')?.verdict, 'fail');
    assert.match(run.stdout, /proxy check: 0 link\(s\) left with toxics or disabled/);
    assert.deepEqual(stateFiles(work), [], 'no run-state file is left');
  });
});

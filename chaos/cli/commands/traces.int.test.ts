import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { CriticalPathAnalysis } from '../../assertions/critical-path/analyse-source.js';
import type { Journal } from '../../report/journal.js';
import { main } from '../main.js';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const FIXTURE = 'chaos/runner/fixtures/short-psp-latency.yaml';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new Capture();
  const err = new Capture();
  const code = await main(['node', 'faultline', ...args], { CI: 'true' }, out, err);
  return { code, out: out.text, err: err.text };
}

let child: ChildProcess | undefined;

/** Runs the short real experiment through the CLI; resolves with the exit code and its output. */
function runExperiment(work: string): Promise<{ code: number | null; output: string }> {
  const args = [
    'bin/faultline.js',
    'run',
    FIXTURE,
    '--runs-dir',
    join(work, 'runs'),
    '--state-dir',
    join(work, 'state'),
  ];
  const run = spawn(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child = run;
  run.stdout.on('data', (b: Buffer) => (output += b.toString()));
  run.stderr.on('data', (b: Buffer) => (output += b.toString()));
  return new Promise((done) =>
    run.on('exit', (code) => {
      child = undefined;
      done({ code, output });
    }),
  );
}

describe('faultline traces critical-path on a real run folder', function () {
  // A real run: about 30 s of timeline, plus minutes of start-up on a busy 2-core machine.
  this.timeout(900_000);
  let work: string;
  let runDir: string;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'faultline-cpath-cli-'));
    const { code, output } = await runExperiment(work);
    // The run's own verdict depends on how busy the machine is; only a run that did not happen fails.
    assert.ok(code === 0 || code === 1 || code === 2, `the run exited ${code}:\n${output.slice(-2000)}`);
    const runs = readdirSync(join(work, 'runs'));
    assert.equal(runs.length, 1);
    runDir = join(work, 'runs', runs[0]!);
  });
  after(() => {
    // SIGINT makes a run remove its faults and tear its fleet down, as Ctrl-C would.
    if (child?.pid !== undefined) process.kill(child.pid, 'SIGINT');
    rmSync(work, { recursive: true, force: true });
  });

  it('prints where the time of every order went, by service and kind, with the top paths', async () => {
    const r = await cli('traces', 'critical-path', runDir);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /critical path of \d+ traces \(all phases\)/);
    assert.match(r.out, /by service-kind\s+share\s+mean ms\s+p50 ms\s+p99 ms\s+traces/);
    assert.match(r.out, /^order (work|database|deferred|downstream)\s+\d+\.\d%/m);
    assert.match(r.out, /top paths\n\s+\d+\.\d%\s+\d+\s+gateway/);
    assert.match(r.out, /^\s+\d+\.\d%\s+\d+\s+gateway > order/m, 'an order path among the top paths');
  });

  it('left the same analysis in the journal and the reports of the run', () => {
    const journal = JSON.parse(readFileSync(join(runDir, 'journal.json'), 'utf8')) as Journal;
    const record = journal.criticalPath;
    assert.ok(record, 'journal.criticalPath is written');
    assert.deepEqual(
      record.phases.map((p) => p.phase),
      ['baseline', 'inject', 'recover'],
    );
    assert.ok(record.diff, 'baseline → inject is diffed');
    const html = readFileSync(join(runDir, 'report.html'), 'utf8');
    assert.match(html, /<h2>Where the time went<\/h2>/);
    assert.match(readFileSync(join(runDir, 'summary.md'), 'utf8'), /### Where the time went/);
  });

  it('gives JSON whose shares add up to the whole critical path', async () => {
    const r = await cli('traces', 'critical-path', runDir, '--json', '--by', 'kind');
    assert.equal(r.code, 0, r.err);
    const a = JSON.parse(r.out) as CriticalPathAnalysis;
    const s = a.population.summary;
    assert.ok(s.traces > 0);
    const sum = s.components.kind.reduce((t, c) => t + c.share, 0);
    assert.ok(Math.abs(sum - 1) < 1e-9, `shares add up to ${sum}`);
    assert.ok(s.components.service.some((c) => c.key === 'gateway'));
    assert.ok(!s.components.service.some((c) => c.key === 'faultline'));
  });

  it('diffs inject against baseline, inconclusive exactly when a phase has no traces', async () => {
    const r = await cli(
      'traces',
      'critical-path',
      runDir,
      '--phase',
      'inject',
      '--compare',
      'baseline',
      '--json',
    );
    const a = JSON.parse(r.out) as CriticalPathAnalysis;
    const empty = a.population.summary.traces === 0 || a.reference!.summary.traces === 0;
    assert.equal(r.code, empty ? 2 : 0);
    if (!empty) assert.ok(a.diff!.rows.length > 0);
    const text = await cli('traces', 'critical-path', runDir, '--phase', 'inject', '--compare', 'baseline');
    assert.match(text.out, /change from phase baseline \(\d+ traces\) to phase inject \(\d+ traces\)/);
  });

  it('compares two sources: a run against itself shows no change', async () => {
    const r = await cli('traces', 'critical-path', runDir, '--compare', runDir, '--json', '--by', 'service');
    assert.equal(r.code, 0, r.err);
    const a = JSON.parse(r.out) as CriticalPathAnalysis;
    assert.ok(a.diff!.rows.every((row) => Math.abs(row.shareDelta) < 1e-12));
  });

  it('is inconclusive for a selection that matches nothing, and rejects bad input with exit 4', async () => {
    const none = await cli('traces', 'critical-path', runDir, '--select', 'span[service=nobody]');
    assert.equal(none.code, 2);
    assert.match(none.out, /no traces selected, so there is nothing to analyse \(inconclusive\)/);
    const bad = await cli('traces', 'critical-path', runDir, '--select', 'span[kind=consumr]');
    assert.equal(bad.code, 4);
    assert.match(bad.err, /expected one of UNSPECIFIED, INTERNAL/);
    const phase = await cli('traces', 'critical-path', runDir, '--phase', 'soak');
    assert.equal(phase.code, 4);
    assert.match(phase.err, /--phase must be a phase/);
    const missing = await cli('traces', 'critical-path', join(work, 'nope'));
    assert.equal(missing.code, 4);
    assert.match(missing.err, /does not exist/);
  });
});

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withLine } from '../../experiment/fixtures-base.js';
import { sampleJournal } from '../../report/fixtures/sample-journal.js';
import type { Journal } from '../../report/journal.js';
import { runMain } from '../testing/run-main.js';
import type { CatalogEntry } from './list.js';

/** Writes `<runs>/<runId>/journal.json` for a sample journal changed by `patch`. */
async function writeRun(
  runs: string,
  patch: Partial<Journal> & { runId: string; title?: string },
): Promise<void> {
  const base = sampleJournal();
  const { title, ...rest } = patch;
  const journal: Journal = {
    ...base,
    ...rest,
    experiment: { ...base.experiment, title: title ?? base.experiment.title },
  };
  await mkdir(join(runs, patch.runId), { recursive: true });
  await writeFile(join(runs, patch.runId, 'journal.json'), JSON.stringify(journal));
}

describe('faultline list (experiment files and run journals on disk)', function () {
  let dir: string;
  let catalog: string;
  let env: Record<string, string>;

  const run = (...args: string[]): Promise<{ code: number; out: string; err: string }> => runMain(args, env);

  beforeEach(async function () {
    dir = await mkdtemp(join(tmpdir(), 'faultline-list-'));
    catalog = join(dir, 'experiments');
    await mkdir(catalog);
    await writeFile(
      join(dir, 'links.json'),
      JSON.stringify([{ name: 'payment-psp', listen: '127.0.0.1:0', upstream: '127.0.0.1:1' }]),
    );
    env = { FAULTLINE_LINKS: join(dir, 'links.json'), CI: 'true' };
    await writeFile(join(catalog, 'alpha.yaml'), withLine(1, 'title: Alpha latency'));
    await writeFile(join(catalog, 'beta.yaml'), `expect: fail\n${withLine(1, 'title: Beta latency')}`);
  });

  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists every experiment with its title, faults and expected verdict, and "never run" without a history', async function () {
    const r = await run('list', catalog, '--runs-dir', join(dir, 'runs'));
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    const lines = r.out.split('\n');
    assert.match(lines[0] ?? '', /^FILE\s+TITLE\s+FAULTS\s+EXPECT\s+LAST RUN$/);
    assert.match(lines[1] ?? '', /alpha\.yaml\s+Alpha latency\s+latency payment-psp\s+pass\s+never run$/);
    assert.match(lines[2] ?? '', /beta\.yaml\s+Beta latency\s+latency payment-psp\s+fail\s+never run$/);
    assert.ok(r.out.includes(`2 experiment(s), 0 with a run in ${join(dir, 'runs')}/`), r.out);
  });

  it("shows each experiment's newest run, matched by file or else by title, and skips a bad journal", async function () {
    const runs = join(dir, 'runs');
    const alpha = join(catalog, 'alpha.yaml');
    await writeRun(runs, {
      runId: '20261120T100000Z-alpha',
      experimentFile: alpha,
      startedAt: '2026-11-20T10:00:00.000Z',
      verdict: 'fail',
      exit: 'fail',
    });
    await writeRun(runs, {
      runId: '20261121T100000Z-alpha',
      experimentFile: alpha,
      startedAt: '2026-11-21T10:00:00.000Z',
      verdict: 'pass',
      exit: 'pass',
    });
    await writeRun(runs, {
      runId: '20261122T100000Z-beta',
      experimentFile: 'elsewhere/beta.yaml',
      title: 'Beta latency',
      startedAt: '2026-11-22T10:00:00.000Z',
      verdict: 'pass',
      exit: 'pass',
    });
    await mkdir(join(runs, 'broken'));
    await writeFile(join(runs, 'broken', 'journal.json'), '{ not json');

    const r = await run('list', catalog, '--runs-dir', runs);
    assert.equal(r.code, 0, r.err);
    const [, alphaLine, betaLine] = r.out.split('\n');
    assert.match(alphaLine ?? '', /pass 2026-11-21 10:00Z, as expected {2}\S*20261121T100000Z-alpha$/);
    assert.match(betaLine ?? '', /pass 2026-11-22 10:00Z, NOT as expected {2}\S*20261122T100000Z-beta$/);
    assert.ok(r.out.includes('2 experiment(s), 2 with a run in'), r.out);
    assert.match(r.err, /^skipped journal .*broken\/journal\.json is not valid JSON/);

    const json = await run('list', catalog, '--runs-dir', runs, '--json');
    assert.equal(json.code, 0, json.err);
    const parsed = JSON.parse(json.out) as { experiments: CatalogEntry[]; unreadableJournals: unknown[] };
    const [a, b] = parsed.experiments;
    assert.deepEqual(
      [a?.id, a?.expect, a?.lastRun?.runId, a?.lastRun?.verdict, a?.lastRun?.asExpected],
      ['alpha', 'pass', '20261121T100000Z-alpha', 'pass', true],
    );
    assert.deepEqual([b?.id, b?.expect, b?.lastRun?.asExpected], ['beta', 'fail', false]);
    assert.deepEqual(a?.faults, [{ name: 'slow', kind: 'toxic', target: 'payment-psp', toxic: 'latency' }]);
    assert.equal(parsed.unreadableJournals.length, 1);
  });

  it('marks an invalid experiment, still lists the others, and exits with the invalid-input code', async function () {
    await writeFile(join(catalog, 'gamma.yaml'), withLine(10, '    link: payment-pps'));
    const r = await run('list', catalog, '--runs-dir', join(dir, 'runs'));
    assert.equal(r.code, 4);
    assert.match(r.out, /gamma\.yaml\s+\(invalid: 2 problem\(s\); see faultline validate \S+gamma\.yaml\)/);
    assert.match(r.out, /alpha\.yaml\s+Alpha latency/);
  });

  it('explains a missing folder without a stack trace, and prints its usage with --help', async function () {
    const missing = await run('list', join(dir, 'nope'));
    assert.equal(missing.code, 4);
    assert.match(missing.err, /experiment path .*nope: no such file or directory/);
    assert.doesNotMatch(missing.err, /\n\s+at /);
    const help = await run('list', '--help');
    assert.equal(help.code, 0);
    assert.match(help.out, /Usage: faultline list \[options\] \[dir\]/);
    assert.match(help.out, /--runs-dir <dir>/);
    assert.match(help.out, /--json/);
  });
});

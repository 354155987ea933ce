import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE_EXPERIMENT, withLine } from '../../experiment/fixtures-base.js';
import { sampleJournal } from '../../report/fixtures/sample-journal.js';
import { runMain } from '../testing/run-main.js';

describe('validate, plan, schema and report commands', function () {
  let dir: string;
  let env: Record<string, string>;

  const run = (...args: string[]): Promise<{ code: number; out: string; err: string }> => runMain(args, env);

  before(async function () {
    dir = await mkdtemp(join(tmpdir(), 'faultline-cmd-'));
    await writeFile(
      join(dir, 'links.json'),
      JSON.stringify([{ name: 'payment-psp', listen: '127.0.0.1:0', upstream: '127.0.0.1:1' }]),
    );
    env = { FAULTLINE_LINKS: join(dir, 'links.json'), CI: 'true' };
    await writeFile(join(dir, 'good.yaml'), `${BASE_EXPERIMENT.join('\n')}\n`);
    await writeFile(join(dir, 'bad.yaml'), withLine(10, '    link: payment-pps'));
    await writeFile(join(dir, 'journal.json'), JSON.stringify(sampleJournal()));
  });

  after(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it('validate exits 0 and says ok for a good file', async function () {
    const r = await run('validate', join(dir, 'good.yaml'));
    assert.deepEqual([r.code, r.out, r.err], [0, `ok  ${join(dir, 'good.yaml')}\n`, '']);
  });

  it('validate exits 4 with every problem on stderr and no stack trace', async function () {
    const r = await run('validate', join(dir, 'bad.yaml'));
    const file = join(dir, 'bad.yaml');
    assert.equal(r.code, 4);
    assert.equal(
      r.err,
      `${file}:10:11  faults[0].link  unknown link \`payment-pps\` (not in target-services/links.json) (did you mean \`payment-psp\`?)\n` +
        `${file}:10:11  faults[0].link  link \`payment-pps\` is not allowed by environment.allow.links (add it to environment.allow.links)\n` +
        `${file}: 2 problem(s)\n`,
    );
  });

  it('validate of a missing file exits 4 with one line and no stack trace', async function () {
    const r = await run('validate', join(dir, 'nope.yaml'));
    assert.equal(r.code, 4);
    assert.match(r.err, /^faultline: experiment path .*nope\.yaml: no such file or directory/);
    assert.doesNotMatch(r.err, /\n\s+at /);
  });

  it('validate of a directory checks every yaml file in it', async function () {
    const r = await run('validate', dir);
    assert.equal(r.code, 4);
    assert.match(r.out, /ok {2}.*good\.yaml/);
    assert.match(r.err, /bad\.yaml: 2 problem\(s\)/);
  });

  it('validate --json prints every file with its located problems', async function () {
    const r = await run('validate', '--json', join(dir, 'good.yaml'), join(dir, 'bad.yaml'));
    assert.equal(r.code, 4);
    const { files } = JSON.parse(r.out) as {
      files: { ok: boolean; problems: { line: number; column: number; path: string }[] }[];
    };
    assert.deepEqual(
      files.map((f) => [f.ok, f.problems.map((p) => `${p.line}:${p.column} ${p.path}`)]),
      [
        [true, []],
        [false, ['10:11 faults[0].link', '10:11 faults[0].link']],
      ],
    );
  });

  it('plan prints the timeline as text or JSON', async function () {
    const text = await run('plan', join(dir, 'good.yaml'));
    assert.equal(text.code, 0);
    assert.match(text.out, /\+4s {8}apply {2}slow/);
    const json = await run('plan', '--json', join(dir, 'good.yaml'));
    assert.equal((JSON.parse(json.out) as { plan: { totalMs: number } }).plan.totalMs, 15000);
  });

  it('schema prints a JSON Schema', async function () {
    const r = await run('schema');
    assert.equal(r.code, 0);
    assert.equal((JSON.parse(r.out) as { title: string }).title, 'Faultline experiment');
  });

  it('report re-renders every output from a journal into --out', async function () {
    const out = join(dir, 'out');
    const r = await run('report', join(dir, 'journal.json'), '--out', out);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual((await readdir(out)).sort(), ['junit.xml', 'report.html', 'summary.md']);
    assert.match(await readFile(join(out, 'summary.md'), 'utf8'), /^## ❌ FAIL/);
    assert.match(r.out, /verdict {6}fail \(completed\)/);
  });

  it('report of a file that is not a journal exits 4', async function () {
    const r = await run('report', join(dir, 'good.yaml'));
    assert.equal(r.code, 4);
    assert.match(r.err, /^faultline: .*good\.yaml is not valid JSON/);
  });

  it('every command answers --help with exit 0', async function () {
    for (const command of ['validate', 'plan', 'schema', 'report']) {
      const r = await run(command, '--help');
      assert.equal(r.code, 0, command);
      assert.match(r.out, new RegExp(`Usage: faultline ${command}`));
    }
  });
});

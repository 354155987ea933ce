import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_EXPERIMENT, withLine } from '../../experiment/fixtures-base.js';
import { runMain } from '../testing/run-main.js';

const CONTRACT = fileURLToPath(
  new URL('../../../../target-services/contracts/telemetry-names.json', import.meta.url),
);

describe('validate with the telemetry-name contract', function () {
  let dir: string;
  let env: Record<string, string>;

  const run = (...args: string[]): Promise<{ code: number; out: string; err: string }> => runMain(args, env);

  before(async function () {
    dir = await mkdtemp(join(tmpdir(), 'faultline-warn-'));
    await writeFile(
      join(dir, 'links.json'),
      JSON.stringify([{ name: 'payment-psp', listen: '127.0.0.1:0', upstream: '127.0.0.1:1' }]),
    );
    env = { FAULTLINE_LINKS: join(dir, 'links.json'), FAULTLINE_TELEMETRY_NAMES: CONTRACT, CI: 'true' };
    const evidence = "evidence: { type: promql, query: 'sum(saga_outcome_total)', objective: '> 0' }";
    await writeFile(join(dir, 'warn.yaml'), withLine(16, evidence));
    await writeFile(join(dir, 'both.yaml'), withLine(16, evidence).replace('latency: 100', 'latency: -1'));
    await writeFile(join(dir, 'good.yaml'), `${BASE_EXPERIMENT.join('\n')}\n`);
  });

  after(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it('shows a metric outside the contract as a warning and still exits 0', async function () {
    const r = await run('validate', join(dir, 'warn.yaml'));
    const file = join(dir, 'warn.yaml');
    assert.deepEqual(
      [r.code, r.out, r.err],
      [
        0,
        `ok  ${file}\n`,
        `${file}:16:39  evidence.query  warning: metric \`saga_outcome_total\` is not in the fleet's telemetry-name contract (target-services/contracts/telemetry-names.json) (did you mean \`saga_outcomes_total\`?)\n`,
      ],
    );
  });

  it('shows warnings beside the problems of an invalid file, which exits 4', async function () {
    const r = await run('validate', join(dir, 'both.yaml'));
    assert.equal(r.code, 4);
    const lines = r.err.trimEnd().split('\n');
    assert.equal(lines.length, 3, r.err);
    assert.match(lines[0]!, /:11:52 {2}faults\[0\]\.toxic\.attributes\.latency {2}`latency` must be >= 0/);
    assert.match(lines[1]!, /:16:39 {2}evidence\.query {2}warning: metric `saga_outcome_total`/);
    assert.match(lines[2]!, /both\.yaml: 1 problem\(s\)$/);
  });

  it('lists warnings apart from problems in --json', async function () {
    const r = await run('validate', '--json', join(dir, 'warn.yaml'), join(dir, 'good.yaml'));
    assert.equal(r.code, 0);
    const { files } = JSON.parse(r.out) as {
      files: { ok: boolean; problems: unknown[]; warnings: { line: number; severity: string }[] }[];
    };
    assert.deepEqual(
      files.map((f) => [f.ok, f.problems.length, f.warnings.map((w) => [w.line, w.severity])]),
      [
        [true, 0, [[16, 'warning']]],
        [true, 0, []],
      ],
    );
  });

  it('plan prints the same warning as validate, and the plan, with exit 0', async function () {
    const file = join(dir, 'warn.yaml');
    const r = await run('plan', file);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, new RegExp(`^# ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n`));
    assert.equal(
      r.err,
      `${file}:16:39  evidence.query  warning: metric \`saga_outcome_total\` is not in the fleet's telemetry-name contract (target-services/contracts/telemetry-names.json) (did you mean \`saga_outcomes_total\`?)\n`,
    );
  });

  it('run shows warnings beside the problems of an invalid file and starts nothing (exit 4)', async function () {
    const r = await run('run', '--runs-dir', join(dir, 'runs'), join(dir, 'both.yaml'));
    assert.equal(r.code, 4, r.err);
    const lines = r.err.trimEnd().split('\n');
    assert.match(lines[0]!, /:11:52 {2}faults\[0\]\.toxic\.attributes\.latency {2}`latency` must be >= 0/);
    assert.match(lines[1]!, /:16:39 {2}evidence\.query {2}warning: metric `saga_outcome_total`/);
    assert.equal(r.out, '');
  });

  it('refuses a FAULTLINE_TELEMETRY_NAMES file that does not exist, with exit 4 and one line', async function () {
    env = { ...env, FAULTLINE_TELEMETRY_NAMES: join(dir, 'nope.json') };
    const r = await run('validate', join(dir, 'good.yaml'));
    assert.equal(r.code, 4);
    assert.match(r.err, /^faultline: telemetry names .*nope\.json cannot be read/);
    assert.doesNotMatch(r.err, /\n\s+at /);
  });
});

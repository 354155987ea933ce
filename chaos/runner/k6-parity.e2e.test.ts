import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireRealK6 } from '../../load/testing/real-k6.js';
import type { Journal } from '../report/journal.js';
import { readOnlyJournal, REPO, runCli } from './testing/run-cli.js';

/**
 * Parity: the same catalog experiment, at the same rates, reaches the same verdict under the
 * built-in engine and under real k6, and that verdict is the one the catalog expects (two runs
 * that both failed because the machine could not carry the load prove nothing about parity).
 * Each experiment runs twice (about 2 to 4 minutes each); docs/load.md has the parity table.
 * Three that must pass (a network fault, a bandwidth cap with tagged sub-metrics, a broker link
 * reset) and one pattern-off experiment that must fail.
 */
const EXPERIMENTS = [
  'experiments/psp-outage.yaml',
  'experiments/gateway-order-bandwidth.yaml',
  'experiments/payment-amqp-reset.yaml',
  'experiments/breaker-off-psp-latency.yaml',
];

/** The verdict the catalog expects of an experiment: its `expect:` (pattern-off), else pass. */
const expectedVerdict = (file: string): string =>
  /^expect: fail$/m.test(readFileSync(join(REPO, file), 'utf8')) ? 'fail' : 'pass';

/** The experiment with `load.engine` set, written into `dir`. */
function withEngine(dir: string, file: string, engine: 'builtin' | 'k6'): string {
  const text = readFileSync(join(REPO, file), 'utf8');
  const set = /\n {2}engine: \w+/.test(text)
    ? text.replace(/\n {2}engine: \w+/, `\n  engine: ${engine}`)
    : text.replace(/\nload:\n/, `\nload:\n  engine: ${engine}\n`);
  assert.match(set, new RegExp(`\\n  engine: ${engine}\\n`), `${file} has a load: block`);
  const out = join(dir, `${engine}-${file.split('/').pop() ?? 'x.yaml'}`);
  writeFileSync(out, set);
  return out;
}

const verdicts = (j: Journal): string =>
  j.checks.map((c) => `${c.verdict.padEnd(12)} ${c.id}: ${c.reason.slice(0, 160)}`).join('\n');

describe('engine parity: catalog experiments reach the same verdict under builtin and real k6', function () {
  this.timeout(1_800_000);
  let k6: string;
  before(function () {
    k6 = requireRealK6(this);
  });

  for (const experiment of EXPERIMENTS) {
    it(`${experiment}: same verdict with both engines`, async () => {
      const journals: Partial<Record<'builtin' | 'k6', Journal>> = {};
      for (const engine of ['builtin', 'k6'] as const) {
        const work = mkdtempSync(join(tmpdir(), `faultline-parity-${engine}-`));
        try {
          const run = await runCli(work, withEngine(work, experiment, engine), { env: { K6_BIN: k6 } });
          assert.notEqual(run.code, 5, `${engine}: environment failure\n${run.stdout}\n${run.stderr}`);
          const journal = readOnlyJournal(work);
          assert.equal(journal.status, 'completed', `${engine}\n${run.stdout}`);
          assert.equal(
            (journal.load.summary as { faultline?: { engine?: string } }).faultline?.engine,
            engine,
          );
          journals[engine] = journal;
        } finally {
          rmSync(work, { recursive: true, force: true });
        }
      }
      const { builtin, k6: underK6 } = journals;
      assert.ok(builtin && underK6);
      assert.equal(
        builtin.verdict,
        expectedVerdict(experiment),
        `builtin did not reach the catalog's verdict, so parity cannot be judged:\n${verdicts(builtin)}`,
      );
      assert.equal(
        underK6.verdict,
        builtin.verdict,
        `builtin:\n${verdicts(builtin)}\n\nk6:\n${verdicts(underK6)}`,
      );
      process.stdout.write(
        `      ${experiment}: builtin ${builtin.verdict}, k6 ${underK6.verdict}\n` +
          `builtin:\n${verdicts(builtin)}\nk6:\n${verdicts(underK6)}\n`,
      );
    });
  }
});

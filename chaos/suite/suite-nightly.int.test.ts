import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HistoryStore } from '../history/history-store.js';
import type { SuiteJson } from './suite-json.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(REPO, 'bin', 'faultline.js');
const FIXTURES = join(REPO, 'chaos', 'suite', 'fixtures');
const DAY_MS = 86_400_000;

/** Runs the real CLI; resolves with its exit code and output (never rejects on a non-zero exit). */
function faultline(args: string[], cwd: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : 70;
        resolve({ code, out: `${stdout}\n${stderr}` });
      },
    );
  });
}

const suiteDirOf = (out: string): string => {
  const line = out.split('\n').find((l) => /\/suite-\d{8}T\d{6}Z$/.test(l.trim()));
  assert.ok(line, `the suite printed its folder:\n${out.slice(-3000)}`);
  return line.trim();
};

/**
 * The nightly loop end to end, with real runs: 2 short experiments × 2 trials tonight (healthy),
 * 5 earlier nights seeded from tonight's real measurements with backdated timestamps, then a night
 * where payment's retries are switched off through `environment.serviceConfig`: the suite exits
 * `regressed` (6) and names the check.
 */
describe('faultline suite over six nights, then a weakened pattern (real runs)', function () {
  this.timeout(40 * 60_000);
  let dir: string;
  before(async function () {
    dir = await mkdtemp(join(tmpdir(), 'faultline-nightly-'));
  });
  after(async function () {
    if (dir && process.env['FAULTLINE_KEEP_NIGHTLY'] === undefined)
      await rm(dir, { recursive: true, force: true });
  });

  it('builds a history, then exits regressed naming the check whose margin fell', async function () {
    const history = join(dir, 'history.duckdb');
    const healthy = await faultline(
      [
        'suite',
        join(FIXTURES, 'healthy'),
        '--trials',
        '2',
        '--out',
        join(dir, 'runs'),
        '--history',
        history,
        '--history-init',
      ],
      REPO,
    );
    const tonight = JSON.parse(
      await readFile(join(suiteDirOf(healthy.out), 'suite.json'), 'utf8'),
    ) as SuiteJson;
    assert.equal(tonight.runs.length, 4, 'two experiments, two trials each, every run kept');
    const share = tonight.rows.filter((r) => r.experiment === 'psp-reset' && r.check === 'compensated-share');
    assert.ok(
      share.length === 2 && share.every((r) => r.verdict === 'pass' && r.margin !== null),
      `the healthy night passes compensated-share with a margin: ${JSON.stringify(share)}\n${healthy.out.slice(-3000)}`,
    );

    // Five earlier nights: tonight's real rows, backdated one day each.
    const store = await HistoryStore.open(history, { write: true });
    try {
      const [suiteRow] = await store.readSuites();
      assert.ok(suiteRow);
      for (let k = 1; k <= 5; k++) {
        const startedAt = new Date(Date.parse(tonight.startedAt) - k * DAY_MS).toISOString();
        const suiteId = `${tonight.suiteId}-minus${k}d`;
        await store.append(
          { ...suiteRow, suiteId, startedAt, suiteDir: null },
          tonight.rows.map((r) => ({ ...r, suiteId, startedAt, runDir: null })),
        );
      }
      assert.equal((await store.readSuites()).length, 6);
    } finally {
      await store.close();
    }

    const weakened = await faultline(
      [
        'suite',
        join(FIXTURES, 'weakened'),
        '--trials',
        '2',
        '--out',
        join(dir, 'runs'),
        '--history',
        history,
      ],
      REPO,
    );
    assert.equal(weakened.code, 6, `exit regressed (6):\n${weakened.out.slice(-4000)}`);
    assert.match(weakened.out, /psp-reset compensated-share regressed: margin -?\d\.\d{3} under \d\.\d{3}/);
    const summary = await readFile(join(suiteDirOf(weakened.out), 'summary.md'), 'utf8');
    // Another check may regress beside it on a noisy machine (psp-latency's recovery time): look for
    // this one anywhere in the section.
    assert.match(summary, /## Regressions \(\d\)\n\n(?:- .*\n)*- `psp-reset` \*\*compensated-share\*\*/);
  });
});

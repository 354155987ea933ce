import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SuiteRow } from './history-row.js';
import { renderOpenMetrics } from './openmetrics.js';
import { failing, passing, syntheticRows } from './testing/synthetic-history.js';

const PROMETHEUS = process.env['FAULTLINE_PROMETHEUS_BIN'] ?? '/usr/bin/prometheus';
const PROMTOOL = 'promtool';
const DAY_MS = 86_400_000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function query(
  url: string,
  promql: string,
  atS: number,
): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}&time=${atS}`);
  const body = (await res.json()) as {
    data: { result: { metric: Record<string, string>; value: [number, string] }[] };
  };
  return body.data.result;
}

describe('OpenMetrics export backfilled into a real Prometheus with promtool', function () {
  this.timeout(120_000);
  let dir: string;
  let prometheus: ReturnType<typeof spawn> | undefined;
  after(async function () {
    if (prometheus?.pid !== undefined && prometheus.exitCode === null) {
      prometheus.kill('SIGTERM');
      await new Promise((r) => prometheus?.once('exit', r));
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('creates blocks from the export and answers queries for every series on the nights it was written', async function () {
    dir = await mkdtemp(join(tmpdir(), 'faultline-openmetrics-'));
    // Six recent nights (inside Prometheus' retention): passing, then a failing last night.
    const firstNight = Math.floor((Date.now() - 7 * DAY_MS - Date.UTC(2026, 0, 1, 2)) / DAY_MS);
    const rows = [
      ...syntheticRows([...Array.from({ length: 5 }, () => passing(0.6)), failing(-0.2)], {
        firstNight,
        check: 'inject-latency',
      }),
      ...syntheticRows(
        Array.from({ length: 6 }, (_, i) =>
          i === 2 ? { verdicts: ['pass', 'fail'], margins: [0.1, -0.1] } : passing(0.3),
        ),
        {
          firstNight,
          check: 'gateway "errors"',
        },
      ),
    ];
    const suites: SuiteRow[] = [...new Set(rows.map((r) => r.suiteId))].map((suiteId, i) => ({
      suiteId,
      startedAt: rows.find((r) => r.suiteId === suiteId)!.startedAt,
      commit: `c${i}`,
      branch: 'main',
      machine: 'm',
      nodeVersion: 'v20',
      faultlineVersion: '0.1.0',
      selectionKey: 'k',
      trials: 2,
      score: 90 - i,
      suiteDir: null,
    }));
    const file = join(dir, 'history.om');
    await writeFile(file, renderOpenMetrics(suites, rows));
    const tsdb = join(dir, 'tsdb');
    await promisify(execFile)(PROMTOOL, ['tsdb', 'create-blocks-from', 'openmetrics', file, tsdb]);

    const port = await freePort();
    await writeFile(join(dir, 'prometheus.yml'), 'global: { scrape_interval: 1m }\nscrape_configs: []\n');
    prometheus = spawn(
      PROMETHEUS,
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${tsdb}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: 'ignore' },
    );
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 120; i++) {
      if (
        await fetch(`${url}/-/ready`)
          .then((r) => r.ok)
          .catch(() => false)
      )
        break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const night = (i: number): number => Date.parse(suites[i]!.startedAt) / 1000;

    const margin = await query(url, 'faultline_check_margin{check="inject-latency"}', night(5));
    assert.deepEqual(
      margin.map((s) => [s.metric['experiment'], s.metric['branch'], Number(s.value[1])]),
      [['psp-outage', 'main', -0.2]],
    );
    const verdicts = await query(url, 'faultline_check_verdict', night(2));
    assert.deepEqual(
      verdicts.map((s) => [s.metric['check'], Number(s.value[1])]).sort(),
      [
        ['gateway "errors"', 0.5],
        ['inject-latency', 1],
      ],
      'flaky is 0.5 and the quoted label survives',
    );
    assert.equal(
      Number((await query(url, 'faultline_check_verdict{check="inject-latency"}', night(5)))[0]?.value[1]),
      0,
    );
    assert.equal(
      Number((await query(url, 'faultline_suite_score{branch="main"}', night(3)))[0]?.value[1]),
      87,
    );
    const duration = await query(url, 'faultline_experiment_duration_seconds', night(1));
    assert.deepEqual(
      duration.map((s) => [s.metric['experiment'], Number(s.value[1])]),
      [['psp-outage', 30]],
    );
  });
});

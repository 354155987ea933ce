import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { allocatePortBlock } from '../chaos/fleet/ports.js';
import { dashboardsOf, panelQueries, substituteVariables } from './dashboards.js';
import { TREND_SERIES, VERDICT_VALUES } from './definitions/resilience-trend.js';
import { trendFixture, type TrendHistory } from './trend-fixture.js';

const PROMETHEUS = '/usr/bin/prometheus';
const PROMTOOL = '/usr/bin/promtool';
const HOUR_MS = 3_600_000;

/**
 * The nightly history the dashboard is checked against. Today a fixture that follows the exporter
 * contract; once `faultline suite export --openmetrics` exists, return its output for a seeded
 * history here (with what its last night holds).
 */
function nightlyHistory(): TrendHistory {
  return trendFixture(Math.floor((Date.now() - 6 * HOUR_MS) / 1000) * 1000);
}

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

async function api<T>(base: string, path: string): Promise<T> {
  const res = await fetch(`${base}${path}`);
  const body = (await res.json()) as { status: string; error?: string; data: T };
  assert.equal(body.status, 'success', `${path}: ${body.error}`);
  return body.data;
}

const instant = (base: string, expr: string, tMs: number): Promise<{ result: Sample[] }> =>
  api(base, `/api/v1/query?query=${encodeURIComponent(expr)}&time=${tMs / 1000}`);

/** `metric` labels and value of each sample, sorted, for comparing panels with the fixture. */
const rows = (samples: readonly Sample[], keys: readonly string[]): string[] =>
  samples.map((s) => `${keys.map((k) => s.metric[k]).join('/')}=${Number(s.value[1])}`).sort();

describe('the Resilience trend dashboard against a real Prometheus holding a backfilled history', function () {
  this.timeout(120000);
  const history = nightlyHistory();
  const lastNightMs = history.nightsMs.at(-1) as number;
  const queryAtMs = lastNightMs + 2 * HOUR_MS;
  let dir = '';
  let base = '';
  let prom: ChildProcess | undefined;

  before(async () => {
    for (const bin of [PROMETHEUS, PROMTOOL])
      assert.ok(existsSync(bin), `${bin} is missing: install Debian's prometheus package`);
    dir = mkdtempSync(join(tmpdir(), 'faultline-trend-prom-'));
    const input = join(dir, 'history.om.txt');
    writeFileSync(input, history.openMetrics);
    const data = join(dir, 'data');
    const r = spawnSync(PROMTOOL, ['tsdb', 'create-blocks-from', 'openmetrics', input, data], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, `promtool refused the OpenMetrics:\n${r.stdout}${r.stderr}`);
    writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1m\n');
    const port = await allocatePortBlock(1);
    base = `http://127.0.0.1:${port}`;
    prom = spawn(
      PROMETHEUS,
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${data}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 60; i++) {
      const ready = await fetch(`${base}/-/ready`).then(
        (res) => res.ok,
        () => false,
      );
      if (ready) return;
      await sleep(500);
    }
    assert.fail(`Prometheus on ${base} was not ready within 30 s`);
  });

  after(async () => {
    if (prom?.pid !== undefined && prom.exitCode === null) {
      const exited = new Promise((resolve) => prom?.once('exit', resolve));
      process.kill(prom.pid, 'SIGTERM');
      const timer = setTimeout(() => prom?.pid !== undefined && process.kill(prom.pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is the only dashboard on the nightly history, and every panel of it has a query', () => {
    const [trend, ...others] = dashboardsOf('nightly-history');
    assert.equal(trend?.uid, 'faultline-resilience-trend');
    assert.equal(others.length, 0);
    for (const p of trend.rows.flatMap((r) => r.panels)) assert.ok(p.queries.length > 0, p.title);
  });

  it('returns series for every panel query at a time inside the history', async () => {
    const empty: string[] = [];
    for (const q of panelQueries(dashboardsOf('nightly-history'))) {
      const r = await instant(base, substituteVariables(q.expr), queryAtMs);
      if (r.result.length === 0) empty.push(`${q.panel}: ${q.expr}`);
    }
    assert.deepEqual(empty, [], 'panel queries returned no series');
  });

  it("shows last night's verdicts, margins, score and durations, not an earlier night's", async () => {
    const panel = (series: string): string => {
      const q = panelQueries(dashboardsOf('nightly-history')).find((x) => x.expr.includes(`${series}{`));
      assert.ok(q, `no panel queries ${series}`);
      return substituteVariables(q.expr);
    };
    const { checks, scores, durations } = history.lastNight;
    const at = async (series: string): Promise<Sample[]> =>
      (await instant(base, panel(series), queryAtMs)).result;
    assert.deepEqual(
      rows(await at(TREND_SERIES.verdict), ['branch', 'experiment', 'check']),
      checks.map((c) => `${c.branch}/${c.experiment}/${c.check}=${VERDICT_VALUES[c.verdict]}`).sort(),
    );
    assert.deepEqual(
      rows(await at(TREND_SERIES.margin), ['branch', 'experiment', 'check']),
      checks
        .filter((c) => c.margin !== undefined)
        .map((c) => `${c.branch}/${c.experiment}/${c.check}=${c.margin}`)
        .sort(),
      'an inconclusive check shows no margin (not the night before, not 0)',
    );
    assert.deepEqual(
      rows(await at(TREND_SERIES.score), ['branch']),
      scores.map((s) => `${s.branch}=${s.score}`),
    );
    assert.deepEqual(
      rows(await at(TREND_SERIES.duration), ['branch', 'experiment']),
      durations.map((d) => `${d.branch}/${d.experiment}=${d.seconds}`).sort(),
    );
  });

  it('fills the branch and experiment variables from the history', async () => {
    const branches = await api<string[]>(
      base,
      `/api/v1/label/branch/values?match[]=${TREND_SERIES.score}&start=${history.nightsMs[0]! / 1000}&end=${queryAtMs / 1000}`,
    );
    assert.deepEqual(branches, [...new Set(history.lastNight.scores.map((s) => s.branch))].sort());
    const experiments = await api<string[]>(
      base,
      `/api/v1/label/experiment/values?match[]=${TREND_SERIES.verdict}&start=${history.nightsMs[0]! / 1000}&end=${queryAtMs / 1000}`,
    );
    assert.deepEqual(experiments, [...new Set(history.lastNight.checks.map((c) => c.experiment))].sort());
  });
});

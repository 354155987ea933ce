import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const PROMETHEUS = process.env['FAULTLINE_PROMETHEUS_BIN'] ?? '/usr/bin/prometheus';
const PROMTOOL = '/usr/bin/promtool';

export interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

/** A real Prometheus serving a history backfilled with `promtool tsdb create-blocks-from openmetrics`. */
export interface BackfilledPrometheus {
  url: string;
  /** GET an API path; fails the test unless Prometheus answers `success`. */
  api<T>(path: string): Promise<T>;
  /** Instant query at `atMs`. */
  query(expr: string, atMs: number): Promise<Sample[]>;
  /** Stops Prometheus and removes its folder. */
  stop(): Promise<void>;
}

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

/**
 * Writes `openMetrics` to a temp folder, turns it into TSDB blocks with promtool (the test fails,
 * quoting promtool, if it refuses the text) and starts Prometheus on them, bound to 127.0.0.1.
 * Call `stop()` in `after`.
 */
export async function backfilledPrometheus(openMetrics: string): Promise<BackfilledPrometheus> {
  for (const bin of [PROMETHEUS, PROMTOOL])
    assert.ok(existsSync(bin), `${bin} is missing: install Debian's prometheus package (npm run setup)`);
  const dir = await mkdtemp(join(tmpdir(), 'faultline-backfill-'));
  const input = join(dir, 'history.om.txt');
  const data = join(dir, 'data');
  await writeFile(input, openMetrics);
  const blocks = spawnSync(PROMTOOL, ['tsdb', 'create-blocks-from', 'openmetrics', input, data], {
    encoding: 'utf8',
  });
  if (blocks.status !== 0) {
    await rm(dir, { recursive: true, force: true });
    assert.fail(`promtool refused the OpenMetrics:\n${blocks.stdout}${blocks.stderr}`);
  }
  await writeFile(join(dir, 'prometheus.yml'), 'global: { scrape_interval: 1m }\nscrape_configs: []\n');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    PROMETHEUS,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${data}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };
  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${url}${path}`);
    const body = (await res.json()) as { status: string; error?: string; data: T };
    assert.equal(body.status, 'success', `${path}: ${body.error}`);
    return body.data;
  };
  for (let i = 0; i < 120; i++) {
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready)
      return {
        url,
        api,
        query: async (expr, atMs) =>
          (
            await api<{ result: Sample[] }>(
              `/api/v1/query?query=${encodeURIComponent(expr)}&time=${atMs / 1000}`,
            )
          ).result,
        stop,
      };
    await sleep(500);
  }
  await stop();
  return assert.fail(`Prometheus on ${url} was not ready within 60 s`);
}

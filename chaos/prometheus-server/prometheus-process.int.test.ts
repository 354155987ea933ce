import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { eventually } from './eventually.js';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPrometheusClient } from '../assertions/promql/prometheus-client.js';
import { FaultlineError } from '../errors.js';
import { startPrometheus, type LocalPrometheus } from './prometheus-process.js';
import { startTestMetricsServer, type TestMetricsServer } from './test-metrics-server.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startPrometheus', () => {
  let fixture: TestMetricsServer | undefined;
  let prometheus: LocalPrometheus | undefined;

  before(async () => {
    fixture = await startTestMetricsServer({ faultline_fixture_level: 1 });
    prometheus = await startPrometheus({
      targets: [
        { job: 'fixture', address: fixture.address },
        { job: 'rabbitmq', address: '127.0.0.1:15692' },
      ],
    });
  });
  after(async () => {
    await prometheus?.stop();
    await fixture?.close();
  });

  it('binds loopback and answers ready', async () => {
    assert.match(prometheus!.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${prometheus!.url}/-/ready`);
    assert.equal(response.status, 200);
  });

  it('scrapes a local target and RabbitMQ on :15692', async () => {
    const client = createPrometheusClient({ baseUrl: prometheus!.url });
    const bothUp = await eventually(async () => {
      const series = await client.query('up == 1', Date.now());
      const jobs = new Set(series.map((s) => s.labels.job));
      return jobs.has('fixture') && jobs.has('rabbitmq');
    });
    assert.ok(bothUp, 'both targets should be up');
    const rabbit = await client.query('erlang_mnesia_held_locks{job="rabbitmq"}', Date.now());
    assert.equal(rabbit.length, 1);
  });

  it('stops cleanly: the process exits and the temp folder is removed', async () => {
    const { pid, workDir } = prometheus!;
    assert.ok(isAlive(pid));
    await prometheus!.stop();
    assert.equal(isAlive(pid), false);
    await assert.rejects(access(workDir));
    await prometheus!.stop(); // idempotent
  });

  it('fails with ERR_PROMETHEUS_START when the binary cannot start', async () => {
    await assert.rejects(
      startPrometheus({ targets: [], binary: '/nonexistent/prometheus', readyTimeoutMs: 2000 }),
      (err: unknown) => err instanceof FaultlineError && err.code === 'ERR_PROMETHEUS_START',
    );
  });

  it('loads rule files and evaluates their recording rules', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'faultline-rules-'));
    const rules = join(dir, 'fixture.rules.yml');
    await writeFile(
      rules,
      'groups:\n  - name: fixture\n    rules:\n      - record: faultline:fixture_level:doubled\n        expr: faultline_fixture_level * 2\n',
    );
    const withRules = await startPrometheus({
      targets: [{ job: 'fixture', address: fixture!.address }],
      ruleFiles: [rules],
    });
    try {
      const client = createPrometheusClient({ baseUrl: withRules.url });
      const recorded = await eventually(async () => {
        const series = await client.query('faultline:fixture_level:doubled', Date.now());
        return series[0]?.points[0]?.value === 2;
      });
      assert.ok(recorded, 'the recording rule produced faultline:fixture_level:doubled = 2');
    } finally {
      await withRules.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("loads the repository's SLO rules (prometheus/rules/*.yml) without errors", async () => {
    const rules = fileURLToPath(new URL('../../../prometheus/rules/slo.rules.yml', import.meta.url));
    const withRules = await startPrometheus({ targets: [], ruleFiles: [rules] });
    try {
      const response = await fetch(`${withRules.url}/api/v1/rules`);
      const body = (await response.json()) as { data: { groups: { rules: unknown[] }[] } };
      const loaded = body.data.groups.reduce((n, g) => n + g.rules.length, 0);
      assert.ok(loaded > 0, 'rules are loaded');
    } finally {
      await withRules.stop();
    }
  });

  it('dies with its controller: SIGKILL of the process that started it stops Prometheus', async function () {
    if (process.platform !== 'linux') this.skip();
    const module = new URL('./prometheus-process.js', import.meta.url).href;
    // A controller that starts Prometheus, prints its pid and folder, and waits to be killed.
    const script = `import { startPrometheus } from ${JSON.stringify(module)};
      const p = await startPrometheus({ targets: [] });
      process.stdout.write(JSON.stringify({ pid: p.pid, workDir: p.workDir }) + '\\n');
      setInterval(() => {}, 1000);`;
    const controller = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let started: { pid: number; workDir: string } | undefined;
    try {
      started = await new Promise<{ pid: number; workDir: string }>((resolve, reject) => {
        let out = '';
        controller.stdout.setEncoding('utf8').on('data', (c: string) => {
          out += c;
          if (out.includes('\n'))
            resolve(JSON.parse(out.split('\n')[0]!) as { pid: number; workDir: string });
        });
        controller.once('exit', (code) =>
          reject(new Error(`controller exited (${code}) before Prometheus was ready`)),
        );
      });
      assert.ok(isAlive(started.pid));
      controller.kill('SIGKILL');
      const died = await eventually(() => Promise.resolve(!isAlive(started!.pid)), 20_000, 100);
      assert.ok(died, `Prometheus ${started.pid} outlived the SIGKILLed controller`);
    } finally {
      if (controller.exitCode === null && controller.signalCode === null) controller.kill('SIGKILL');
      if (started && isAlive(started.pid)) process.kill(started.pid, 'SIGKILL');
      if (started) await rm(started.workDir, { recursive: true, force: true });
    }
  });
});

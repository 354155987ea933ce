import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMiniGateway, type MiniGateway } from '../../../load/testing/mini-gateway.js';
import { requireRealK6 } from '../../../load/testing/real-k6.js';

const BIN = join(process.cwd(), 'bin', 'faultline.js');

describe('faultline load --engine k6 (CLI, real k6)', function () {
  this.timeout(120_000);
  let k6: string;
  let gateway: MiniGateway;
  let dir: string;
  before(function () {
    k6 = requireRealK6(this);
  });
  beforeEach(async () => {
    gateway = await startMiniGateway({ record: true });
    dir = mkdtempSync(join(tmpdir(), 'faultline-load-k6-cli-'));
  });
  afterEach(async () => {
    await gateway.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function load(args: string[]) {
    const child = spawn(
      process.execPath,
      [BIN, 'load', '--engine', 'k6', '--target', gateway.baseUrl, ...args],
      {
        env: { ...process.env, K6_BIN: k6 },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    return { child, out: () => ({ stdout, stderr }) };
  }

  it("stops on SIGINT with exit 130, writes the summary of what ran, keeps k6's text summary and leaves nothing beside --out", async () => {
    const profile = {
      name: 'long',
      journey: 'browse',
      phases: [
        {
          phase: 'baseline',
          executor: { executor: 'constant-arrival-rate', rate: 10, duration: '60s', preAllocatedVUs: 5 },
        },
      ],
    };
    writeFileSync(join(dir, 'p.json'), JSON.stringify(profile));
    const out = join(dir, 'summary.json');
    const { child, out: output } = load(['--profile', join(dir, 'p.json'), '--out', out]);
    // Interrupt once k6 is sending load (its start-up takes seconds).
    for (let i = 0; i < 1200 && gateway.seen.length < 5; i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(gateway.seen.length >= 5, `no load reached the gateway\n${output().stderr}`);
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];
    const { stdout, stderr } = output();
    assert.equal(code, 130, `${stdout}\n${stderr}`);
    const summary = JSON.parse(readFileSync(out, 'utf8')) as {
      faultline: { engine: string; interrupted: boolean; timeSeries: unknown[] };
      metrics: Record<string, unknown>;
    };
    assert.equal(summary.faultline.engine, 'k6');
    assert.equal(summary.faultline.interrupted, true);
    assert.ok(summary.metrics['http_reqs{phase:baseline}']);
    assert.match(stdout, /k6: .*http_req_duration\.+: count=\d+/, `k6's text summary is shown\n${stdout}`);
    assert.deepEqual(readdirSync(dir).sort(), ['p.json', 'summary.json'], 'no stray k6 files');
  });

  it("exits 5 and shows k6's own error, prefixed, when the script cannot load", async () => {
    const script = join(dir, 'broken.js');
    writeFileSync(script, "import x from 'k6/no-such-module';\nexport default function () { x(); }\n");
    const { child, out: output } = load(['--k6-script', script, '--out', join(dir, 's.json')]);
    const [code] = (await once(child, 'exit')) as [number | null];
    const { stdout, stderr } = output();
    assert.equal(code, 5, `${stdout}\n${stderr}`);
    assert.match(stderr, /k6: .*no-such-module/);
    assert.match(stderr, /faultline: k6 exited with code 107 \(script exception\)/);
    assert.ok(!existsSync(join(dir, 's.json')));
  });

  it('exits 5 before any load when K6_BIN is not a k6, naming the supported range', async () => {
    const child = spawn(process.execPath, [BIN, 'load', '--engine', 'k6', '--target', gateway.baseUrl], {
      env: { ...process.env, K6_BIN: '/bin/true' },
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 5, stderr);
    assert.match(stderr, /does not look like k6.*v0\.48\.0 or later, below v2/);
    assert.equal(gateway.seen.length, 0);
  });
});

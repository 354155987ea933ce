import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMiniGateway, type MiniGateway } from '../../../load/testing/mini-gateway.js';

const BIN = join(process.cwd(), 'bin', 'faultline.js');

describe('faultline load (CLI)', function () {
  this.timeout(30_000);
  let gateway: MiniGateway;
  let dir: string;
  beforeEach(async () => {
    gateway = await startMiniGateway({ record: true });
    dir = mkdtempSync(join(tmpdir(), 'faultline-load-cli-'));
  });
  afterEach(async () => {
    await gateway.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops on SIGINT with exit code 130 and still writes the summary', async () => {
    const profile = {
      name: 'long',
      journey: 'browse',
      phases: [
        {
          phase: 'baseline',
          executor: { executor: 'constant-arrival-rate', rate: 20, duration: '60s', preAllocatedVUs: 5 },
        },
      ],
    };
    writeFileSync(join(dir, 'p.json'), JSON.stringify(profile));
    const out = join(dir, 'summary.json');
    const child = spawn(process.execPath, [
      BIN,
      'load',
      '--profile',
      join(dir, 'p.json'),
      '--target',
      gateway.baseUrl,
      '--engine',
      'builtin',
      '--out',
      out,
    ]);
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    // Interrupt only once load is flowing (CLI start-up time varies with machine load).
    for (let i = 0; i < 200 && gateway.seen.length < 5; i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(gateway.seen.length >= 5, 'no load reached the gateway');
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 130, stdout);
    assert.ok(existsSync(out));
    const summary = JSON.parse(readFileSync(out, 'utf8')) as {
      faultline: { interrupted: boolean };
      metrics: Record<string, unknown>;
    };
    assert.equal(summary.faultline.interrupted, true);
    assert.ok(summary.metrics['http_reqs{phase:baseline}']);
  });

  it('rejects an impossible profile with every problem and exit code 4', async () => {
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({
        name: 'x',
        journey: 'browse',
        phases: [
          {
            phase: 'baseline',
            executor: {
              executor: 'constant-arrival-rate',
              rate: -1,
              duration: '1s',
              preAllocatedVUs: 5,
              maxVUs: 2,
            },
          },
        ],
      }),
    );
    const child = spawn(process.execPath, [
      BIN,
      'load',
      '--profile',
      join(dir, 'bad.json'),
      '--target',
      gateway.baseUrl,
    ]);
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 4);
    assert.match(stderr, /maxVUs: must be >= preAllocatedVUs/);
    assert.match(stderr, /rate: Too small/);
    assert.doesNotMatch(stderr, /\n\s+at /);
  });
});

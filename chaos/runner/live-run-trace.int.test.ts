import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { startCollector, type Collector } from '../telemetry/index.js';
import { hexIdSql } from '../telemetry/spans-schema.js';

const CHILD = fileURLToPath(new URL('./testing/live-trace-child.js', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the runner's live trace in a controller killed with SIGKILL mid-run", () => {
  let collector: Collector;
  beforeEach(async () => (collector = await startCollector({ port: 0 })));
  afterEach(async () => collector.close());

  it('leaves the environment, phase and fault spans it had ended at the receiver, under the root it never ended', async () => {
    const runId = `killed-${process.pid}-${Date.now()}`;
    const child = spawn(process.execPath, [CHILD, collector.url, runId], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = once(child, 'exit');
    try {
      const spansOfRun = async () => {
        await collector.store.flush();
        return collector.store.query(
          `SELECT name, ${hexIdSql('trace_id', 32)} AS trace, ${hexIdSql('span_id', 16)} AS id,
                  ${hexIdSql('parent_span_id', 16)} AS parent FROM spans
           WHERE json_extract_string("attributes", '$."chaos.run.id"') = ? ORDER BY name`,
          [runId],
        );
      };
      // The spans of warmup, baseline and the fault end within 0.6 s of t0, and are sent within
      // the next second; wait (bounded) until all four are in, while the controller still runs.
      let rows = await spansOfRun();
      for (let i = 0; i < 100 && rows.length < 4; i++) {
        await sleep(100);
        rows = await spansOfRun();
      }
      assert.equal(child.exitCode, null, 'the controller must still be running (inject lasts a minute)');
      assert.ok(child.kill('SIGKILL'));
      const [code, signal] = (await exited) as [number | null, string | null];
      assert.equal(code, null);
      assert.equal(signal, 'SIGKILL');
      rows = await spansOfRun();
      assert.deepEqual(
        rows.map((r) => r['name']),
        ['environment', 'fault toxic', 'phase baseline', 'phase warmup'],
      );
      // One trace; every child names the same root, which was never ended, so never sent.
      assert.equal(new Set(rows.map((r) => r['trace'])).size, 1);
      const parents = new Set(rows.map((r) => r['parent']));
      assert.equal(parents.size, 1);
      const [root] = parents;
      assert.match(String(root), /^[0-9a-f]{16}$/);
      assert.ok(!rows.some((r) => r['id'] === root));
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});

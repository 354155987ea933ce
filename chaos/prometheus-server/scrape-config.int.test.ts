import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { fleetScrapeTargets, renderScrapeConfig } from './scrape-config.js';

const run = promisify(execFile);

describe('renderScrapeConfig with promtool', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'faultline-promtool-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  for (const intervalMs of [1000, 250, 15_000]) {
    it(`writes a config that promtool accepts at a ${intervalMs} ms interval`, async () => {
      const targets = fleetScrapeTargets({
        services: ['gateway', 'order', 'payment', 'inventory', 'shipping', 'psp', 'carrier'].map(
          (name, i) => ({
            name,
            address: `127.0.0.1:${9180 + i}`,
          }),
        ),
        proxy: '127.0.0.1:8474',
      });
      const file = join(dir, `prometheus-${intervalMs}.yml`);
      await writeFile(file, renderScrapeConfig({ targets, intervalMs }));
      const { stdout } = await run('/usr/bin/promtool', ['check', 'config', file]);
      assert.match(stdout, /SUCCESS/);
    });
  }

  it("writes rule_files that promtool checks too: the repository's SLO rules", async () => {
    const rules = fileURLToPath(new URL('../../../prometheus/rules/slo.rules.yml', import.meta.url));
    const file = join(dir, 'prometheus-rules.yml');
    await writeFile(file, renderScrapeConfig({ targets: [], ruleFiles: [rules] }));
    const { stdout } = await run('/usr/bin/promtool', ['check', 'config', file]);
    assert.match(stdout, /Checking .*slo\.rules\.yml\n\s+SUCCESS: \d+ rules found/);
  });
});

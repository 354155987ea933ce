import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { conformanceSuite } from './suite.js';
import { parseJson, type ProxyJson } from './http.js';

/**
 * Server flags: Faultline's `--config` and `--proxy-metrics` against toxiproxy-server's `-config` and
 * `-proxy-metrics` (the harness spells the flag for each server).
 */
describe('proxy conformance: server flags (--config and /metrics gating)', function () {
  const dir = mkdtempSync(path.join(tmpdir(), 'faultline-conformance-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const configPath = path.join(dir, 'populate.json');
  const name = `cf${process.pid}_fromconfig`;
  writeFileSync(
    configPath,
    JSON.stringify([
      { name, listen: '127.0.0.1:0', upstream: '127.0.0.1:1' },
      { name: `${name}_off`, listen: '127.0.0.1:0', upstream: '127.0.0.1:1', enabled: false },
    ]),
  );

  conformanceSuite(
    'started with --config and without metrics flags',
    (cf) => {
      // Captured before the harness's per-test POST /reset, which would re-enable the disabled proxy.
      let all: Record<string, ProxyJson> = {};
      before(async () => {
        all = parseJson<Record<string, ProxyJson>>(await cf.call('GET', '/proxies'));
      });

      it('applies the populate file before the API answers its first request', () => {
        assert.equal(all[name]?.enabled, true);
        assert.notEqual(all[name]?.listen, '127.0.0.1:0');
        assert.equal(all[`${name}_off`]?.enabled, false);
      });

      it('has no /metrics route without --proxy-metrics or --runtime-metrics (404)', async () => {
        const res = await cf.call('GET', '/metrics');
        assert.equal(res.status, 404);
        assert.equal(res.text, '404 page not found\n');
      });
    },
    ['--config', configPath],
  );
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PROMTOOL = '/usr/bin/promtool';

function promtool(...args: string[]): string {
  const r = spawnSync(PROMTOOL, args, { encoding: 'utf8' });
  const out = `${r.stdout}${r.stderr}`;
  assert.equal(r.status, 0, `promtool ${args.join(' ')} failed:\n${out}`);
  return out;
}

describe('the Prometheus config and SLO rules under real promtool', () => {
  before(() => {
    assert.ok(
      existsSync(PROMTOOL),
      `${PROMTOOL} is missing: install Debian's prometheus package (scripts/setup.sh)`,
    );
  });

  it('accepts the compose scrape config and the rule files it loads', () => {
    assert.match(promtool('check', 'config', 'prometheus/prometheus.yml'), /SUCCESS: \d+ rules found/);
  });

  it('accepts the generated SLO rules', () => {
    assert.match(promtool('check', 'rules', 'prometheus/rules/slo.rules.yml'), /SUCCESS: 68 rules found/);
  });

  it('fires the page and ticket alerts on burning series and keeps a healthy series silent', () => {
    assert.match(promtool('test', 'rules', 'prometheus/tests/slo-alerts.test.yml'), /SUCCESS/);
  });
});

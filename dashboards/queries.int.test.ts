import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { panelQueries, substituteVariables } from './dashboards.js';

const PROMTOOL = '/usr/bin/promtool';

describe('every dashboard panel query under real promtool', () => {
  let dir = '';
  before(() => {
    assert.ok(existsSync(PROMTOOL), `${PROMTOOL} is missing: install Debian's prometheus package`);
    dir = mkdtempSync(join(tmpdir(), 'faultline-dash-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('parses as PromQL once template variables are substituted', () => {
    const queries = panelQueries();
    const rules = queries.map((q, i) => ({
      record: `faultline:panel_query:${i}`,
      expr: substituteVariables(q.expr),
    }));
    const file = join(dir, 'panel-queries.yml');
    writeFileSync(file, stringify({ groups: [{ name: 'panel-queries', rules }] }));
    const r = spawnSync(PROMTOOL, ['check', 'rules', file], { encoding: 'utf8' });
    assert.equal(r.status, 0, `promtool rejected a panel query:\n${r.stdout}${r.stderr}`);
    assert.match(r.stdout, new RegExp(`SUCCESS: ${queries.length} rules found`));
  });
});

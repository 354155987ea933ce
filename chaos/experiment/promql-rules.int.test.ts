import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { parsePromql } from '../assertions/promql/promql-syntax.js';
import { promqlQueries } from './promql-rules.js';

/**
 * The lezer grammar `validate` uses against Prometheus's own Go parser (`promtool check rules`):
 * on every query of the catalog and of the rule fixtures, a query lezer refuses is one Prometheus
 * refuses, and the catalog's queries pass both.
 */
const PROMTOOL = process.env['PROMTOOL_BIN'] ?? '/usr/bin/promtool';
const repo = fileURLToPath(new URL('../../../', import.meta.url));

async function queriesIn(dir: string): Promise<{ where: string; query: string }[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
  const out: { where: string; query: string }[] = [];
  for (const file of files) {
    const data: unknown = parseDocument(await readFile(join(dir, file), 'utf8')).toJS();
    for (const { path, query } of promqlQueries(data))
      out.push({ where: `${file} ${path.join('.')}`, query });
  }
  return out;
}

/** Indexes of the queries promtool refuses, with its message. */
async function promtoolRefusals(queries: readonly string[], dir: string): Promise<Map<number, string>> {
  const files = await Promise.all(
    queries.map(async (query, i) => {
      const file = join(dir, `q${i}.yml`);
      const rule = { groups: [{ name: 'g', rules: [{ record: 'check:query:validate', expr: query }] }] };
      await writeFile(file, JSON.stringify(rule));
      return file;
    }),
  );
  const output = await new Promise<string>((resolve) =>
    execFile(PROMTOOL, ['check', 'rules', ...files], (_err, stdout, stderr) => resolve(`${stdout}${stderr}`)),
  );
  const refused = new Map<number, string>();
  for (const m of output.matchAll(/q(\d+)\.yml: .*could not parse expression: (.*)/g))
    refused.set(Number(m[1]), m[2]!);
  return refused;
}

describe('PromQL validation against Prometheus (promtool)', function () {
  this.timeout(60_000);
  let dir: string;

  before(async function () {
    const found = await access(PROMTOOL, constants.X_OK).then(
      () => true,
      () => false,
    );
    if (!found) {
      console.log(`    skipped: ${PROMTOOL} is not there (Debian's prometheus package; or set PROMTOOL_BIN)`);
      this.skip();
    }
    dir = await mkdtemp(join(tmpdir(), 'faultline-promtool-'));
  });

  after(async function () {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('accepts every catalog query, as Prometheus does', async function () {
    const queries = await queriesIn(join(repo, 'experiments'));
    assert.ok(queries.length >= 10, 'the catalog has PromQL queries');
    const refused = await promtoolRefusals(
      queries.map((q) => q.query),
      dir,
    );
    assert.deepEqual([...refused], []);
    assert.deepEqual(
      queries.filter((q) => parsePromql(q.query).error !== undefined).map((q) => q.where),
      [],
    );
  });

  it('refuses exactly the fixture queries Prometheus refuses', async function () {
    const queries = await queriesIn(join(repo, 'chaos', 'experiment', 'rule-fixtures'));
    const refused = await promtoolRefusals(
      queries.map((q) => q.query),
      dir,
    );
    const byLezer = queries.flatMap((q, i) => (parsePromql(q.query).error ? [i] : []));
    assert.equal(byLezer.length, 6, 'one bad query per place a query can appear, and a type error');
    assert.deepEqual(
      byLezer,
      [...refused.keys()].sort((a, b) => a - b),
      JSON.stringify([...refused]),
    );
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { analyzeSuite } from '../history/analyze-suite.js';
import { passing, syntheticRows } from '../history/testing/synthetic-history.js';
import { suiteExit, parseFailOn } from './fail-on.js';
import { mergeShards } from './merge-shards.js';
import { sparkline } from './sparkline.js';
import { renderSuiteJunit } from './suite-junit.js';
import type { SuiteJson } from './suite-json.js';
import { renderSuiteSummary } from './suite-summary.js';
import { shardOutput, testEntry, type TrialPlan } from './testing/synthetic-suite.js';

const SCHEMA = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../chaos/suite/suite.schema.json', import.meta.url)), 'utf8'),
) as object;

const SELECTION = [testEntry('alpha', 60), testEntry('beta', 60), testEntry('off', 30, 'fail')];
const PLAN: TrialPlan = {
  alpha: {
    steady: [
      { verdict: 'pass', margin: 0.05 },
      { verdict: 'pass', margin: 0.06 },
    ],
    wobbly: [
      { verdict: 'pass', margin: 0.4 },
      { verdict: 'fail', margin: -0.2 },
    ],
  },
  beta: {
    broken: [
      { verdict: 'fail', margin: -0.5 },
      { verdict: 'fail', margin: -0.4 },
    ],
    nodata: [
      { verdict: 'inconclusive', margin: null },
      { verdict: 'inconclusive', margin: null },
    ],
  },
  off: {
    dup: [
      { verdict: 'fail', margin: -1 },
      { verdict: 'fail', margin: -1 },
    ],
  },
};

/** Tonight's suite judged against 6 earlier nights where alpha/steady passed with a 0.6 margin. */
function judgedSuite(failOnText = 'fail,regression'): SuiteJson {
  const merged = mergeShards([
    { suite: shardOutput(SELECTION, PLAN, 1, 1, { startedAt: '2026-12-10T02:00:00.000Z' }), dir: '.' },
  ]);
  const past = syntheticRows(
    Array.from({ length: 6 }, () => passing(0.6)),
    { experiment: 'alpha', check: 'steady' },
  );
  const analysis = analyzeSuite(past, merged.rows);
  const failOn = parseFailOn(failOnText);
  return { ...merged, analysis, failOn, exit: suiteExit(analysis, merged.runs, failOn), history: null };
}

describe('suite outputs', function () {
  it('writes suite.json that its JSON Schema accepts', function () {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(SCHEMA);
    const ok = validate(JSON.parse(JSON.stringify(judgedSuite())));
    assert.ok(ok, JSON.stringify(validate.errors));
  });

  it('and that the schema rejects a suite.json of another version', function () {
    const validate = new Ajv({ strict: false }).compile(SCHEMA);
    assert.equal(validate({ ...judgedSuite(), schemaVersion: 2 }), false);
  });

  it('writes one junit testsuite per experiment, failures for failing and regressed checks, flakyFailure for flaky ones', function () {
    const xml = renderSuiteJunit(judgedSuite());
    assert.equal((xml.match(/<testsuite /g) ?? []).length, 3);
    assert.match(xml, /name="wobbly"[^>]*><flakyFailure message="trial 2: fail" type="fail"\/>/);
    assert.doesNotMatch(xml, /name="wobbly"[^>]*><failure/);
    assert.match(xml, /name="broken"[^>]*><failure message="failed in 2 of 2 trial\(s\)"/);
    assert.match(xml, /name="steady"[^>]*><failure message="regressed: margin 0.050 under 0.550/);
    assert.match(xml, /name="nodata"[^>]*><skipped/);
    assert.match(xml, /name="fails as expected \(pattern off\)"><\/testcase>/);
    assert.doesNotMatch(xml, /name="dup"[^>]*><failure/);
  });

  it('puts regressions and failures first in summary.md, then the table with sparklines', function () {
    const md = renderSuiteSummary(judgedSuite());
    const at = (s: string): number => md.indexOf(s);
    assert.ok(at('## Regressions (1)') > 0 && at('## Regressions') < at('## Checks'), md);
    assert.ok(at('## Still failing') < 0 && at('## New checks') > at('## Regressions'));
    assert.match(md, /- `alpha` \*\*steady\*\*: pass, margin 5\.0%, -55\.0 pt against the median/);
    assert.match(md, /\| `alpha` \| steady \| ✅ pass 📉 regressed \| 5\.0% \| -55\.0 pt \| `▇▇▇▇▇▇▅` \|/);
    assert.match(md, /exit \*\*fail\*\* \(fail on fail, regression\)/);
  });

  it('draws sparklines on a fixed -1..1 scale with gaps', function () {
    assert.equal(sparkline([-1, 0, 1, null, 0.5]), '▁▅█·▆');
  });

  it('sets the exit from --fail-on', function () {
    const cases: [string, string][] = [
      ['fail,regression', 'fail'],
      ['regression', 'regressed'],
      ['flaky', 'fail'],
      ['inconclusive', 'inconclusive'],
      ['fail', 'fail'],
    ];
    for (const [failOn, want] of cases) assert.equal(judgedSuite(failOn).exit, want, failOn);
  });

  it('rejects an unknown --fail-on entry and names the choices', function () {
    assert.throws(() => parseFailOn('fail,regresion'), /`regresion`.*fail, regression, flaky, inconclusive/);
  });
});

import type { CheckAnalysis } from '../history/analyze-suite.js';
import type { CheckRow } from '../history/history-row.js';
import { escapeXml } from '../report/xml-escape.js';
import type { SuiteJson } from './suite-json.js';

const attr = (v: string | number): string => escapeXml(String(v));

/**
 * `junit.xml` of a suite: one `<testsuite>` per experiment, one `<testcase>` per check. A check
 * that failed in every trial has a `<failure>`; a flaky one has Surefire's `<flakyFailure>` (one
 * per failing trial) so CI reporters show it as flaky; an inconclusive one is `<skipped>`. A
 * pattern-off experiment (`expect: fail`) adds a testcase for "failed as expected"; its checks'
 * own failures are the point of it and are reported as output, not failures. Pure.
 */
export function renderSuiteJunit(suite: SuiteJson): string {
  const analysis = suite.analysis;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const suites = suite.selection.experiments.filter((e) => suite.runs.some((r) => r.experiment === e.id));
  const body: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const e of suites) {
    const rows = suite.rows.filter((r) => r.experiment === e.id);
    const checkIds = [...new Set(rows.map((r) => r.check))];
    const cases: string[] = [];
    let fails = 0;
    let skips = 0;
    for (const id of checkIds) {
      const trials = rows.filter((r) => r.check === id).sort((a, b) => a.trial - b.trial);
      const judged = analysis?.checks.find((c) => c.experiment === e.id && c.check === id);
      const c = checkCase(e.id, trials, e.expect, judged);
      if (c.failed) fails++;
      if (c.skipped) skips++;
      cases.push(c.xml);
    }
    const errors = suite.runs.filter((r) => r.experiment === e.id && r.status === 'error');
    for (const r of errors) {
      fails++;
      cases.push(
        `    <testcase classname="${attr(e.id)}" name="trial ${r.trial}"><error message="${attr(r.error ?? 'error')}"/></testcase>`,
      );
    }
    const outcome = analysis?.experiments.find((x) => x.experiment === e.id)?.outcome;
    if (e.expect === 'fail') {
      const ok = outcome === 'pass';
      if (!ok) fails++;
      cases.push(
        `    <testcase classname="${attr(e.id)}" name="fails as expected (pattern off)">${ok ? '' : `<failure message="${attr(`expected the run to fail; it was ${outcome ?? 'not judged'}`)}"/>`}</testcase>`,
      );
    }
    const time =
      rows.length === 0
        ? 0
        : [...new Map(rows.map((r) => [r.trial, r.durationS])).values()].reduce((s, d) => s + d, 0);
    tests += cases.length;
    failures += fails;
    body.push(
      `  <testsuite name="${attr(e.id)}" tests="${cases.length}" failures="${fails}" errors="0" skipped="${skips}" time="${time.toFixed(3)}">`,
      ...cases,
      '  </testsuite>',
    );
  }
  out.push(
    `<testsuites name="faultline suite ${attr(suite.suiteId)}" tests="${tests}" failures="${failures}">`,
    ...body,
    '</testsuites>',
  );
  return `${out.join('\n')}\n`;
}

function checkCase(
  experiment: string,
  trials: readonly CheckRow[],
  expect: 'pass' | 'fail',
  judged: CheckAnalysis | undefined,
): { xml: string; failed: boolean; skipped: boolean } {
  const first = trials[0]!;
  const head = `    <testcase classname="${attr(experiment)}" name="${attr(first.check)}" time="${first.durationS.toFixed(3)}">`;
  const verdicts = trials.map((t) => t.verdict);
  const note = (t: CheckRow): string =>
    `trial ${t.trial}: ${t.verdict}${t.observed === null ? '' : `, observed ${t.observed}`}${t.objective ? `, objective ${t.objective}` : ''}${t.margin === null ? '' : `, margin ${t.margin.toFixed(3)}`}`;
  const out = `<system-out>${escapeXml(trials.map(note).join('\n'))}${judged?.regressed ? `\nregressed: margin under ${judged.band?.floor.toFixed(3)}` : ''}</system-out>`;
  if (expect === 'fail') return { xml: `${head}${out}</testcase>`, failed: false, skipped: false };
  const failing = trials.filter((t) => t.verdict === 'fail');
  if (verdicts.every((v) => v === 'fail')) {
    const msg = `failed in ${trials.length} of ${trials.length} trial(s)`;
    return {
      xml: `${head}<failure message="${attr(msg)}" type="fail"/>${out}</testcase>`,
      failed: true,
      skipped: false,
    };
  }
  if (judged?.regressed) {
    const msg = `regressed: margin ${judged.tonight?.margin?.toFixed(3)} under ${judged.band?.floor.toFixed(3)} (median ${judged.band?.median.toFixed(3)})`;
    return {
      xml: `${head}<failure message="${attr(msg)}" type="regression"/>${out}</testcase>`,
      failed: true,
      skipped: false,
    };
  }
  if (new Set(verdicts).size > 1) {
    const flaky = (failing.length > 0 ? failing : trials.filter((t) => t.verdict !== 'pass'))
      .map(
        (t) =>
          `<flakyFailure message="${attr(`trial ${t.trial}: ${t.verdict}`)}" type="${attr(t.verdict)}"/>`,
      )
      .join('');
    return { xml: `${head}${flaky}${out}</testcase>`, failed: false, skipped: false };
  }
  if (verdicts.every((v) => v === 'inconclusive'))
    return {
      xml: `${head}<skipped message="inconclusive in every trial"/>${out}</testcase>`,
      failed: false,
      skipped: true,
    };
  return { xml: `${head}${out}</testcase>`, failed: false, skipped: false };
}

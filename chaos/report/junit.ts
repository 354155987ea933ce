import type { CheckResult } from '../verdict.js';
import { evidenceLines } from './evidence-text.js';
import type { Journal } from './journal.js';
import { reportContextOf, type ReportContext } from './report-context.js';
import { escapeXml as x } from './xml-escape.js';

function testcase(check: CheckResult, ctx: ReportContext): string {
  const open = `    <testcase classname="faultline.${x(check.kind)}" name="${x(`${check.id}: ${check.title}`)}">`;
  if (check.verdict === 'pass') return `${open}</testcase>`;
  if (check.verdict === 'inconclusive')
    return `${open}\n      <skipped message="${x(check.reason)}"/>\n    </testcase>`;
  const body = [check.reason, ...evidenceLines(check, ctx)].join('\n');
  return `${open}\n      <failure message="${x(check.reason)}" type="${x(check.kind)}">${x(body)}</failure>\n    </testcase>`;
}

/** Fault application/removal errors as the suite's system-err, so a leaked fault is visible in CI. */
function faultErrors(journal: Journal): string[] {
  const lines = journal.faults.flatMap((f) => f.errors.map((e) => `fault ${f.name} on ${f.target}: ${e}`));
  return lines.length === 0 ? [] : [`    <system-err>${x(lines.join('\n'))}</system-err>`];
}

/**
 * JUnit XML for CI: one test case per check (assertion, guard, invariant, evidence, steady
 * state). `fail` is a `<failure>` with the evidence; `inconclusive` is `<skipped>` with the reason.
 */
export function renderJunit(journal: Journal): string {
  const checks = journal.checks;
  const failures = checks.filter((c) => c.verdict === 'fail').length;
  const skipped = checks.filter((c) => c.verdict === 'inconclusive').length;
  const seconds = ((Date.parse(journal.endedAt) - Date.parse(journal.startedAt)) / 1000).toFixed(3);
  const counts = `tests="${checks.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds}"`;
  const name = x(journal.experiment.title);
  const ctx = reportContextOf(journal);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="faultline" ${counts}>`,
    `  <testsuite name="${name}" ${counts} timestamp="${x(journal.startedAt)}">`,
    '    <properties>',
    `      <property name="run.id" value="${x(journal.runId)}"/>`,
    `      <property name="run.status" value="${x(journal.status)}"/>`,
    `      <property name="run.verdict" value="${x(journal.verdict)}"/>`,
    `      <property name="experiment.file" value="${x(journal.experimentFile)}"/>`,
    '    </properties>',
    ...checks.map((c) => testcase(c, ctx)),
    ...faultErrors(journal),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

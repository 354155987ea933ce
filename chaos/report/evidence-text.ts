import type { CheckResult } from '../verdict.js';
import { evidenceEntries } from './evidence-format.js';
import type { ReportContext } from './report-context.js';
import { plainText } from './rich-text.js';

export { formatNumber } from './number-format.js';

/** A check's evidence as plain `label: value` lines (JUnit bodies, CLI). Pure. */
export function evidenceLines(check: CheckResult, ctx: ReportContext): string[] {
  return evidenceEntries(check, ctx).map((e) => `${e.label}: ${plainText(e.value)}`);
}

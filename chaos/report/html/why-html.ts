import type { Journal } from '../journal.js';
import type { ReportContext } from '../report-context.js';
import { whyItFailed } from '../why/why-it-failed.js';
import { richHtml } from './rich-html.js';

/** The "why it failed" block at the top of `report.html`; empty for a completed run that passed. Pure. */
export function renderWhyHtml(journal: Journal, ctx: ReportContext): string {
  const why = whyItFailed(journal, ctx);
  if (why === undefined) return '';
  const list = (lines: typeof why.checks): string =>
    `<ul>${lines.map((l) => `<li>${richHtml(l, ctx)}</li>`).join('')}</ul>`;
  const causes =
    why.causes.length === 0
      ? ''
      : `<h3>Most likely cause${why.causes.length > 1 ? 's' : ''}, from the evidence</h3>${list(why.causes)}`;
  return `<section class="why ${journal.verdict}" id="why"><h2>${why.heading}</h2>${list(why.checks)}${causes}</section>`;
}

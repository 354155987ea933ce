import type { Journal } from './journal.js';
import type { ReportContext } from './report-context.js';
import { richMarkdown } from './rich-markdown.js';
import { whyItFailed } from './why/why-it-failed.js';

/** The "why it failed" block of `summary.md`: one line per failed check, then the likely causes. Pure. */
export function markdownWhy(journal: Journal, ctx: ReportContext): string[] {
  const why = whyItFailed(journal, ctx);
  if (why === undefined) return [];
  const out = [`### ${why.heading}`, '', ...why.checks.map((l) => `- ${richMarkdown(l)}`)];
  if (why.causes.length > 0)
    out.push(
      '',
      `**Most likely cause${why.causes.length > 1 ? 's' : ''}, from the evidence:**`,
      '',
      ...why.causes.map((l) => `- ${richMarkdown(l)}`),
    );
  return [...out, ''];
}

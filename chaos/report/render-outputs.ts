import { renderHtml } from './html/html-report.js';
import type { Journal } from './journal.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';

/** Every output file of a run, by file name. Adding a format is one renderer plus one line here. */
export const RENDERERS: Readonly<Record<string, (journal: Journal) => string>> = {
  'junit.xml': renderJunit,
  'summary.md': renderMarkdown,
  'report.html': renderHtml,
};

/** File name → content for every output. Pure. */
export function renderOutputs(journal: Journal): Record<string, string> {
  return Object.fromEntries(Object.entries(RENDERERS).map(([name, render]) => [name, render(journal)]));
}

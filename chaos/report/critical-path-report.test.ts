import assert from 'node:assert/strict';
import { criticalPathRecord } from '../assertions/critical-path/journal-record.js';
import { summarisePaths } from '../assertions/critical-path/population-summary.js';
import { span } from '../assertions/critical-path/testing-spans.js';
import { traceCriticalPath } from '../assertions/critical-path/trace-critical-path.js';
import { criticalPathMarkdown } from './critical-path-markdown.js';
import { sampleJournal } from './fixtures/sample-journal.js';
import { renderHtml } from './html/html-report.js';
import type { Journal } from './journal.js';
import { renderMarkdown } from './markdown.js';

/** gateway 10 ms of work, then waiting `pspMs` on psp (whose service name needs escaping). */
const order = (pspMs: number) =>
  traceCriticalPath([
    span(1, undefined, 'gateway', 'POST', 'work', 0, 10),
    span(2, 1, 'gateway', 'call', 'client', 10, 12 + pspMs),
    span(3, 2, 'psp<sim>', 'charge', 'work', 11, 11 + pspMs),
  ]);

function journalWith(baseline: number, inject: number): Journal {
  const journal = sampleJournal();
  journal.criticalPath = criticalPathRecord([
    { phase: 'baseline', summary: summarisePaths(Array.from({ length: baseline }, () => order(10))) },
    { phase: 'inject', summary: summarisePaths(Array.from({ length: inject }, () => order(400))) },
  ]);
  return journal;
}

describe('"Where the time went" in the reports', () => {
  it('draws one bar per phase whose parts fill it, coloured by service, and escapes names', () => {
    const html = renderHtml(journalWith(20, 20));
    assert.match(html, /<h2>Where the time went<\/h2>/);
    const bars = html.match(/<div class="cp-bar"[^>]*>.*?<\/div>/g) ?? [];
    assert.equal(bars.length, 2);
    for (const b of bars) {
      const total = [...b.matchAll(/width:([\d.]+)%/g)].reduce((t, m) => t + Number(m[1]), 0);
      assert.ok(Math.abs(total - 100) < 0.01, `parts fill the bar: ${total}%`);
    }
    assert.match(html, /title="psp&lt;sim&gt; work: 97\.1% of the critical path/);
    assert.doesNotMatch(html, /psp<sim>/);
  });

  it('ranks the change from baseline to inject with shares, points and ms', () => {
    const html = renderHtml(journalWith(20, 20));
    // baseline: psp 10 of 22 ms; inject: psp 400 of 412 ms
    assert.match(
      html,
      /<tr><td>psp&lt;sim&gt; work<\/td><td>45\.5%<\/td><td>97\.1%<\/td><td>\+51\.6<\/td><td>10\.0 ms<\/td><td>400\.0 ms<\/td><td>\+390\.0 ms<\/td><\/tr>/,
    );
    const md = renderMarkdown(journalWith(20, 20));
    assert.match(md, /### Where the time went/);
    assert.match(
      md,
      /\| inject \| 20 \| 41\d\.\d ms \| 41\d\.\d ms \| psp\\<sim\\> work 97\.1% · gateway work 2\.4% · gateway downstream 0\.5% \|/,
    );
    assert.match(
      md,
      /\| psp\\<sim\\> work \| 45\.5% \| 97\.1% \| \+51\.6 \| 10\.0 ms \| 400\.0 ms \| \+390\.0 ms \|/,
    );
  });

  it('shows a phase without traces as inconclusive, never as 0%', () => {
    const journal = journalWith(0, 20);
    assert.match(
      renderHtml(journal),
      /<b>baseline<\/b>: <span class="meta">no traces started in this phase \(inconclusive\)/,
    );
    assert.match(
      renderHtml(journal),
      /the first population has no traces, so there is nothing to compare \(inconclusive\)/,
    );
    const md = criticalPathMarkdown(journal).join('\n');
    assert.match(md, /\| baseline \| 0 \| \| \| no traces \(inconclusive\) \|/);
    assert.doesNotMatch(md, /0\.0%/);
  });

  it('adds nothing for a journal without critical paths (older runs)', () => {
    const journal = sampleJournal();
    assert.doesNotMatch(renderHtml(journal), /Where the time went/);
    assert.doesNotMatch(renderMarkdown(journal), /Where the time went/);
  });
});

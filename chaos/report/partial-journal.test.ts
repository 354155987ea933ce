import assert from 'node:assert/strict';
import { sampleJournal } from './fixtures/sample-journal.js';
import type { Journal } from './journal.js';
import { renderOutputs } from './render-outputs.js';

/** What a run interrupted during baseline leaves: no faults, no checks, a short series. */
function interruptedJournal(): Journal {
  const full = sampleJournal();
  return {
    ...full,
    status: 'interrupted',
    phases: full.phases.slice(0, 2).map((p, i) => (i === 1 ? { ...p, endMs: p.startMs + 1500 } : p)),
    faults: [],
    guardEvents: [],
    load: { summary: { metrics: {} }, series: [] },
    sli: [],
    checks: [],
    traces: [],
    verdict: 'inconclusive',
    exit: 'interrupted',
  };
}

describe('renderers on a partial journal', function () {
  const outputs = renderOutputs(interruptedJournal());

  it('writes an empty JUnit suite marked interrupted', function () {
    assert.match(outputs['junit.xml'] ?? '', /tests="0" failures="0" errors="0" skipped="0"/);
    assert.match(outputs['junit.xml'] ?? '', /<property name="run.status" value="interrupted"\/>/);
  });

  it('writes Markdown with n/a load figures instead of failing', function () {
    assert.match(outputs['summary.md'] ?? '', /^## ⚠️ INCONCLUSIVE: /);
    assert.match(
      outputs['summary.md'] ?? '',
      /\*\*Load:\*\* requests n\/a · p95 n\/a · p99 n\/a · failed n\/a · dropped iterations 0/,
    );
  });

  it('writes HTML that says which charts have no data', function () {
    const html = outputs['report.html'] ?? '';
    assert.equal((html.match(/<p class="empty">no data<\/p>/g) ?? []).length, 3);
    assert.match(html, /no traces recorded/);
    assert.match(html, /exit interrupted/);
  });
});

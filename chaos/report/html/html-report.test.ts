import assert from 'node:assert/strict';
import { sampleJournal } from '../fixtures/sample-journal.js';
import { renderHtml } from './html-report.js';
import { orderSpans } from './waterfall.js';

describe('renderHtml', function () {
  const html = renderHtml(sampleJournal());

  it('references no external asset and runs no script', function () {
    assert.doesNotMatch(html, /<script|<link |src=|url\(|@import/i);
    assert.doesNotMatch(html, /https?:\/\/(?!www\.w3\.org)/);
  });

  it('escapes user text', function () {
    assert.match(html, /<title>FAIL: PSP latency &lt;with&gt; &quot;jitter&quot; &amp; friends<\/title>/);
    assert.doesNotMatch(html, /<with>|<during>/);
  });

  it('says "no data" on a chart without points instead of drawing nothing silently', function () {
    const journal = sampleJournal();
    journal.load.series = [];
    assert.equal((renderHtml(journal).match(/<p class="empty">no data<\/p>/g) ?? []).length, 3);
  });

  it('orders waterfall spans parent first, children by start time, orphans at the top level', function () {
    const rows = orderSpans([
      {
        spanId: 'c',
        parentSpanId: 'a',
        service: 's',
        name: 'late child',
        startMs: 5,
        durationMs: 1,
        status: 'ok',
      },
      {
        spanId: 'b',
        parentSpanId: 'a',
        service: 's',
        name: 'early child',
        startMs: 1,
        durationMs: 1,
        status: 'ok',
      },
      { spanId: 'a', service: 's', name: 'root', startMs: 0, durationMs: 9, status: 'ok' },
      {
        spanId: 'z',
        parentSpanId: 'missing',
        service: 's',
        name: 'orphan',
        startMs: 3,
        durationMs: 1,
        status: 'error',
      },
    ]);
    assert.deepEqual(
      rows.map((r) => [r.span.name, r.depth]),
      [
        ['root', 0],
        ['early child', 1],
        ['late child', 1],
        ['orphan', 0],
      ],
    );
  });
});

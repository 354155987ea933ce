import assert from 'node:assert/strict';
import { sampleJournal } from '../fixtures/sample-journal.js';
import { reportContextOf } from '../report-context.js';
import type { RichText } from '../rich-text.js';
import { richHtml, waterfallAnchor } from './rich-html.js';

describe('rich text as HTML', function () {
  const journal = sampleJournal();
  const [trace] = journal.traces;
  assert.ok(trace);
  trace.orderIds = ['order-1'];
  const ctx = reportContextOf(journal);
  const anchor = waterfallAnchor(trace.traceId);
  const cases: [string, RichText, string][] = [
    ['escapes text', [{ text: 'a < b & "c"' }], 'a &lt; b &amp; &quot;c&quot;'],
    [
      'shows code and bold numbers',
      [{ code: 'p(99)<800' }, { strong: '12 orders' }],
      '<code>p(99)&lt;800</code><b>12 orders</b>',
    ],
    [
      'links a trace id to its waterfall',
      [{ id: trace.traceId, of: 'trace' }],
      `<a class="id trace" href="#${anchor}" title="trace waterfall"><code>${trace.traceId}</code></a>`,
    ],
    [
      "links an order id to its trace's waterfall",
      [{ id: 'order-1', of: 'order' }],
      `<a class="id order" href="#${anchor}" title="order waterfall"><code>order-1</code></a>`,
    ],
    [
      'leaves an order without a waterfall unlinked',
      [{ id: 'order-2', of: 'order' }],
      '<code class="id order">order-2</code>',
    ],
    [
      'leaves a trace not in the report unlinked',
      [{ id: 'f'.repeat(32), of: 'trace' }],
      `<code class="id trace">${'f'.repeat(32)}</code>`,
    ],
  ];
  for (const [name, line, expected] of cases) it(name, () => assert.equal(richHtml(line, ctx), expected));

  it('gives each waterfall an anchor that is a safe element id', function () {
    assert.equal(waterfallAnchor('4bf92f35'), 'trace-4bf92f35');
    assert.equal(waterfallAnchor('a"b<c'), 'trace-a_b_c');
  });
});

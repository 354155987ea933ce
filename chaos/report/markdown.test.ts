import assert from 'node:assert/strict';
import { sampleJournal } from './fixtures/sample-journal.js';
import { renderMarkdown } from './markdown.js';

describe('renderMarkdown', function () {
  const md = renderMarkdown(sampleJournal());

  it('leads with the verdict and the escaped title', function () {
    assert.equal(md.split('\n')[0], '## ❌ FAIL: PSP latency &lt;with&gt; "jitter" &amp; friends');
  });

  it('has one table row per check with its icon and reason', function () {
    const rows = md.split('\n').filter((l) => /^\| (✅|❌|⚠️) \|/.test(l));
    assert.equal(rows.length, 6);
    assert.ok(
      rows.includes('| ⚠️ | breaker-opened: breaker opened | promql | the query returned no series |'),
    );
  });

  it('lists the evidence of non-passing checks and the fault windows with offsets and wall clock', function () {
    assert.ok(
      md.includes(
        '- **inject-latency** (threshold)\n  - objective: `p(99)<800`\n  - observed: **1244 ms**\n',
      ),
    );
    assert.ok(
      md.includes(
        '| psp-slow (toxic) | payment-psp | +20.0 s (00:42:20.0 UTC) | +30.0 s (00:42:30.0 UTC) | none |',
      ),
      md,
    );
  });

  it('escapes table pipes and shows a fault that was never removed', function () {
    const journal = sampleJournal();
    journal.faults = [{ name: 'a|b', kind: 'toxic', target: 'x', appliedMs: 1000, errors: ['HTTP 500'] }];
    assert.ok(
      renderMarkdown(journal).includes(
        '| a\\|b (toxic) | x | +1.0 s (00:42:01.0 UTC) | not removed | HTTP 500 |',
      ),
    );
  });

  it('calls out a guard abort and invariant violations', function () {
    const journal = sampleJournal();
    journal.guardEvents.push({
      guard: 'error-budget',
      atMs: 30_000,
      type: 'abort',
      consecutive: 3,
      message: 'rate 0.6 >= 0.5',
    });
    journal.invariantViolations.push({
      invariant: 'no-double-capture',
      subject: 'order 42',
      message: 'captured twice',
    });
    const out = renderMarkdown(journal);
    assert.ok(
      out.includes(
        '> **Guard `error-budget` aborted inject at +30.0 s (00:42:30.0 UTC):** rate 0.6 &gt;= 0.5',
      ),
    );
    assert.ok(out.includes('- `no-double-capture` `order 42`: captured twice'));
  });
});

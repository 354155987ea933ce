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

  it('lists the evidence of non-passing checks and the fault windows', function () {
    assert.match(md, /- \*\*inject-latency\*\*: objective: p\(99\)&lt;800; observed: 1244; samples: 400/);
    assert.match(md, /\| psp-slow \(toxic\) \| payment-psp \| \+20\.01s \| \+30\.02s \| none \|/);
  });

  it('escapes table pipes and shows a fault that was never removed', function () {
    const journal = sampleJournal();
    journal.faults = [{ name: 'a|b', kind: 'toxic', target: 'x', appliedMs: 1000, errors: ['HTTP 500'] }];
    assert.match(renderMarkdown(journal), /\| a\\\|b \(toxic\) \| x \| \+1s \| not removed \| HTTP 500 \|/);
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
    assert.match(out, /> \*\*Guard `error-budget` aborted inject at \+30s:\*\* rate 0.6 >= 0.5/);
    assert.match(out, /- `no-double-capture` order 42: captured twice/);
  });
});

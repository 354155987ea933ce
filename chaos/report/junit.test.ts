import assert from 'node:assert/strict';
import { sampleJournal } from './fixtures/sample-journal.js';
import { renderJunit } from './junit.js';

function testcases(xml: string): string[] {
  return [...xml.matchAll(/<testcase [\s\S]*?(?:<\/testcase>)/g)].map((m) => m[0]);
}

describe('renderJunit', function () {
  const xml = renderJunit(sampleJournal());

  it('writes one test case per check with suite counts', function () {
    assert.equal(testcases(xml).length, 6);
    assert.match(
      xml,
      /<testsuites name="faultline" tests="6" failures="1" errors="0" skipped="1" time="45.000">/,
    );
  });

  it('maps fail to <failure> with the evidence and inconclusive to <skipped> with the reason', function () {
    const [steady, failed, inconclusive] = testcases(xml);
    assert.doesNotMatch(steady ?? '', /<failure|<skipped/);
    assert.match(
      failed ?? '',
      /<failure message="p\(99\) was 1243 ms, objective p\(99\)&lt;800" type="threshold">/,
    );
    assert.match(
      failed ?? '',
      /observed: 1244 ms\nsamples: 400\ntraces: 4bf92f3577b34da6a3ce929d0e0e4736<\/failure>/,
    );
    assert.match(inconclusive ?? '', /<skipped message="the query returned no series"\/>/);
  });

  it('escapes markup in names and messages', function () {
    assert.match(xml, /<testsuite name="PSP latency &lt;with&gt; &quot;jitter&quot; &amp; friends"/);
    assert.match(xml, /name="evidence: PSP calls slower &lt;during&gt; inject"/);
    assert.doesNotMatch(xml.replace(/<\/?[a-z?][^<>]*>/g, ''), /[<>]/);
  });

  it('records the run status as a suite property', function () {
    const journal = { ...sampleJournal(), status: 'interrupted' as const };
    assert.match(renderJunit(journal), /<property name="run.status" value="interrupted"\/>/);
  });

  it('lists fault errors in system-err so a fault that was not removed is visible', function () {
    const journal = sampleJournal();
    journal.faults = [
      {
        name: 'psp-slow',
        kind: 'toxic',
        target: 'payment-psp',
        appliedMs: 1,
        errors: ['DELETE toxic: HTTP 500'],
      },
    ];
    assert.match(
      renderJunit(journal),
      /<system-err>fault psp-slow on payment-psp: DELETE toxic: HTTP 500<\/system-err>\n {2}<\/testsuite>/,
    );
    assert.doesNotMatch(xml, /system-err/);
  });
});

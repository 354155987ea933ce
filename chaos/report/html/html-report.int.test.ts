import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { sampleJournal } from '../fixtures/sample-journal.js';
import { renderJunit } from '../junit.js';
import type { Journal } from '../journal.js';
import { renderHtml } from './html-report.js';
import { assertWaterfallsDrawn, CHROMIUM, CHROMIUM_ARGS, openReport } from './testing/report-page.js';

describe('HTML report in a real headless Chromium', function () {
  let browser: Browser;
  let dir: string;

  before(async function () {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    dir = await mkdtemp(join(tmpdir(), 'faultline-report-'));
  });

  after(async function () {
    await browser?.close();
    if (process.env['FAULTLINE_KEEP_SCREENSHOT'] === undefined && dir)
      await rm(dir, { recursive: true, force: true });
  });

  it('renders the fixture journal offline with no console errors, no requests and non-empty charts', async function () {
    const file = join(dir, 'report.html');
    const journal = sampleJournal();
    await writeFile(file, renderHtml(journal));
    const { stats, problems, requests } = await openReport(browser, file, join(dir, 'report.png'));
    if (process.env['FAULTLINE_KEEP_SCREENSHOT'] !== undefined)
      process.stdout.write(`      screenshot: ${join(dir, 'report.png')}\n`);

    assert.deepEqual(problems, []);
    assert.deepEqual(requests, []);
    assert.equal(stats.charts.length, 4, 'latency, throughput, error rate and one SLI chart');
    for (const chart of stats.charts) {
      assert.ok(chart.lines > 0, `chart "${chart.title}" has no drawn series`);
      assert.equal(chart.bands, 1, `chart "${chart.title}" shades the one fault window`);
      assert.ok(chart.width > 100, `chart "${chart.title}" is laid out`);
    }
    assert.equal(stats.bars, 4, 'one waterfall bar per span');
    assertWaterfallsDrawn(stats, journal);
    assert.equal(stats.verdictRows, 6, 'one row per check result');
  });

  it('draws a waterfall per trace, slowest and failed, and fails the check when one is empty', async function () {
    const journal = sampleJournal();
    const [slow] = journal.traces;
    assert.ok(slow);
    const failed: Journal['traces'][number] = {
      traceId: 'f'.repeat(32),
      reason: 'failed',
      durationMs: 30,
      spans: [
        {
          spanId: 'r',
          service: 'gateway',
          name: 'POST /v1/orders',
          startMs: 0,
          durationMs: 30,
          status: 'error',
        },
        {
          spanId: 'c',
          parentSpanId: 'r',
          service: 'order',
          name: 'POST /orders',
          startMs: 2,
          durationMs: 25,
          status: 'error',
        },
      ],
    };
    const withTraces = { ...journal, traces: [slow, failed] };
    const file = join(dir, 'waterfalls.html');
    await writeFile(file, renderHtml(withTraces));
    const { stats, problems } = await openReport(browser, file);
    assert.deepEqual(problems, []);
    assert.deepEqual(stats.waterfalls, [4, 2]);
    assertWaterfallsDrawn(stats, withTraces);
    // The same page judged against a journal whose trace has more spans than were drawn fails.
    const more = { ...withTraces, traces: [slow, { ...failed, spans: [...failed.spans, ...failed.spans] }] };
    assert.throws(() => assertWaterfallsDrawn(stats, more), /one visible bar per span/);
    // And a report that drew no waterfall at all for a journal with traces fails.
    const empty = join(dir, 'no-waterfalls.html');
    await writeFile(empty, renderHtml({ ...withTraces, traces: [] }));
    const none = await openReport(browser, empty);
    assert.throws(() => assertWaterfallsDrawn(none.stats, withTraces), /one waterfall per trace/);
  });

  it('writes JUnit XML that a real XML parser accepts, with the skipped and failure elements in place', async function () {
    const page = await browser.newPage();
    const xml = renderJunit(sampleJournal());
    const parsed = await page.evaluate<Record<string, unknown>>(`(() => {
      const doc = new DOMParser().parseFromString(${JSON.stringify(xml)}, 'application/xml');
      const count = (sel) => doc.querySelectorAll(sel).length;
      return { errors: count('parsererror'), cases: count('testcase'), skipped: count('testcase > skipped'),
        failures: count('testcase > failure'), root: doc.documentElement.nodeName };
    })()`);
    await page.close();
    assert.deepEqual(parsed, { errors: 0, cases: 6, skipped: 1, failures: 1, root: 'testsuites' });
  });
});

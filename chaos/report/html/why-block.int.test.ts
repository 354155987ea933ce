import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import type { Journal } from '../journal.js';
import { readJournal } from '../read-journal.js';
import { renderHtml } from './html-report.js';
import { CHROMIUM, CHROMIUM_ARGS, openReport } from './testing/report-page.js';

/** A real journal: `faultline run chaos/report/fixtures/outbox-off-order-amqp-cut.yaml`, which failed. */
const REAL_JOURNAL = fileURLToPath(
  new URL('../fixtures/outbox-off-order-amqp-cut.journal.json', import.meta.url),
);

interface WhyStats {
  heading: string;
  /** Lines of the block's first list (failed checks) and of its causes. */
  checks: string[];
  causes: string[];
  /** The block is above the verdict table. */
  first: boolean;
  /** Every id link in the page: its href, and whether it points at a drawn waterfall. */
  links: { href: string; target: boolean; inWhy: boolean; kind: string }[];
  /** Evidence and why-block text that still looks like raw JSON. */
  rawJson: string[];
}

/** Runs in the page (a string, so the test needs no DOM typings). */
const WHY_STATS = `(() => {
  const why = document.querySelector('section#why');
  const lists = why ? [...why.querySelectorAll('ul')] : [];
  const items = (ul) => (ul ? [...ul.querySelectorAll('li')].map((li) => li.textContent.trim()) : []);
  const table = document.querySelector('table');
  const links = [...document.querySelectorAll('a.id')].map((a) => {
    const id = decodeURIComponent(a.getAttribute('href').slice(1));
    const target = document.getElementById(id);
    return { href: a.getAttribute('href'), target: !!target && target.matches('figure.waterfall'),
      inWhy: !!why && why.contains(a), kind: a.classList.contains('order') ? 'order' : 'trace' };
  });
  const texts = [...document.querySelectorAll('ul.ev li'), ...(why ? why.querySelectorAll('li') : [])].map((e) => e.textContent);
  return {
    heading: why?.querySelector('h2')?.textContent ?? '',
    checks: items(lists[0]),
    causes: items(lists[1]),
    first: !!why && !!table && (why.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
    links,
    rawJson: texts.filter((t) => /[{\\[]"|"[a-zA-Z]+":|startMs|\\b1\\d{12}\\b/.test(t)),
  };
})()`;

describe('report.html of a real failing run, in a real headless Chromium', function () {
  let browser: Browser;
  let dir: string;
  let journal: Journal;
  let file: string;

  before(async function () {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    dir = await mkdtemp(join(tmpdir(), 'faultline-why-'));
    journal = await readJournal(REAL_JOURNAL);
    file = join(dir, 'report.html');
    await writeFile(file, renderHtml(journal));
  });

  after(async function () {
    await browser?.close();
    if (process.env['FAULTLINE_KEEP_SCREENSHOT'] === undefined && dir)
      await rm(dir, { recursive: true, force: true });
  });

  async function whyStats(): Promise<WhyStats> {
    const context = await browser.newContext({ offline: true });
    try {
      const page = await context.newPage();
      await page.goto(`file://${file}`);
      return await page.evaluate<WhyStats>(WHY_STATS);
    } finally {
      await context.close();
    }
  }

  it('opens with the why-it-failed block: one line per failed check, then the causes from the evidence', async function () {
    const stats = await whyStats();
    const failed = journal.checks.filter((c) => c.verdict === 'fail');
    assert.equal(stats.heading, 'Why it failed');
    assert.ok(stats.first, 'the block comes before the verdict table');
    assert.equal(stats.checks.length, failed.length, 'one line per failed check');
    failed.forEach((c, i) => assert.ok(stats.checks[i]?.includes(c.title), `line ${i} names ${c.title}`));
    const stuck = journal.invariantViolations.filter((v) => v.invariant === 'orders-terminal').length;
    assert.ok(stuck > 0, 'the real run left orders stuck');
    assert.ok(
      stats.causes.some((line) => line.startsWith(`${stuck} orders stuck in pending: the oldest, `)),
      stats.causes.join('\n'),
    );
  });

  it('links order and trace ids to waterfalls that are in the report, and a click shows the waterfall', async function () {
    const stats = await whyStats();
    assert.ok(stats.links.length > 0, 'the report links ids');
    assert.deepEqual(
      stats.links.filter((l) => !l.target).map((l) => l.href),
      [],
      'every link points at a drawn waterfall',
    );
    const orderLink = stats.links.find((l) => l.inWhy && l.kind === 'order');
    assert.ok(orderLink, 'the oldest stuck order is linked from the block');
    const context = await browser.newContext({ offline: true });
    try {
      const page = await context.newPage();
      await page.setViewportSize({ width: 1100, height: 800 });
      await page.goto(`file://${file}`);
      await page.click(`section#why a.id.order[href="${orderLink.href}"]`);
      const shown = await page.evaluate<{ hash: string; top: number; bottom: number; height: number }>(
        `(() => { const f = document.querySelector(':target'); const r = f ? f.getBoundingClientRect() : { top: -1e6, bottom: -1e6 };
           return { hash: location.hash, top: r.top, bottom: r.bottom, height: window.innerHeight }; })()`,
      );
      assert.equal(shown.hash, orderLink.href);
      // Scrolled to: the figure's top at the viewport's top (sub-pixel layout allowed), inside the viewport.
      assert.ok(
        shown.top > -1 && shown.top < shown.height && shown.bottom > 0,
        `the waterfall is scrolled into view (top ${shown.top}, bottom ${shown.bottom})`,
      );
    } finally {
      await context.close();
    }
  });

  it('shows evidence without raw JSON, with no console errors and no requests', async function () {
    const screenshot = join(dir, 'why.png');
    const { problems, requests } = await openReport(browser, file, screenshot);
    if (process.env['FAULTLINE_KEEP_SCREENSHOT'] !== undefined)
      process.stdout.write(`      screenshot: ${screenshot}\n`);
    assert.deepEqual(problems, []);
    assert.deepEqual(requests, []);
    assert.deepEqual((await whyStats()).rawJson, []);
  });

  it('fails the raw-JSON check on a page that still prints evidence as JSON', async function () {
    const raw = structuredClone(journal);
    const failing = raw.checks.find((c) => c.verdict === 'fail');
    assert.ok(failing);
    failing.evidence.details = { note: JSON.stringify({ name: 'inject', startMs: 1796216688664 }) };
    const rawFile = join(dir, 'raw.html');
    await writeFile(rawFile, renderHtml(raw));
    const context = await browser.newContext({ offline: true });
    try {
      const page = await context.newPage();
      await page.goto(`file://${rawFile}`);
      const stats = await page.evaluate<WhyStats>(WHY_STATS);
      assert.equal(stats.rawJson.length, 1, 'the detector sees a JSON string a producer put in the evidence');
    } finally {
      await context.close();
    }
  });
});

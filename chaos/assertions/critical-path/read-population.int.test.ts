import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SpanKindName, SpanRow } from '../../telemetry/span-row.js';
import { SpanStore } from '../../telemetry/span-store.js';
import { readPopulation } from './read-population.js';
import { openSpanSource } from './span-source.js';

const MS = 1_000_000n;
const T0 = 1_750_000_000_000n * MS;

/** A stored span of trace `trace`, times in ms after T0 + `traceStartMs`. */
function row(
  trace: bigint,
  id: bigint,
  parent: bigint | null,
  service: string,
  name: string,
  kind: SpanKindName,
  startMs: number,
  endMs: number,
  extra: Partial<SpanRow> = {},
): SpanRow {
  return {
    traceId: trace,
    spanId: id,
    parentSpanId: parent,
    name,
    kind,
    serviceName: service,
    scopeName: kind === 'CLIENT' && name.startsWith('pg') ? '@opentelemetry/instrumentation-pg' : 'test',
    startUnixNano: T0 + BigInt(startMs) * MS,
    endUnixNano: T0 + BigInt(endMs) * MS,
    durationMs: endMs - startMs,
    statusCode: 'UNSET',
    statusMessage: '',
    attributes: {},
    resourceAttributes: { 'service.name': service },
    events: [],
    ...extra,
  };
}

/** An order at `at` ms: gateway 10 ms, a publish, `queueMs` in the broker, payment calling psp for `pspMs`. */
function order(trace: bigint, at: number, pspMs: number, queueMs = 5): SpanRow[] {
  const b = trace * 100n;
  return [
    row(trace, b + 1n, 77n, 'gateway', 'POST /v1/orders', 'SERVER', at, at + 10),
    row(trace, b + 2n, b + 1n, 'order', 'publish flr.1a2b3c4d.saga', 'PRODUCER', at + 10, at + 12),
    row(
      trace,
      b + 3n,
      b + 2n,
      'payment',
      'flr.1a2b3c4d.payment.commands process',
      'CONSUMER',
      at + 12 + queueMs,
      at + 30 + queueMs + pspMs,
    ),
    row(
      trace,
      b + 4n,
      b + 3n,
      'payment',
      'pg.query:INSERT flr_1a2b3c4d_payment_db',
      'CLIENT',
      at + 13 + queueMs,
      at + 20 + queueMs,
      {
        attributes: { 'db.system.name': 'postgresql' },
      },
    ),
    row(trace, b + 5n, b + 3n, 'payment', 'POST', 'CLIENT', at + 20 + queueMs, at + 20 + queueMs + pspMs),
    row(
      trace,
      b + 6n,
      b + 5n,
      'psp',
      'POST /v1/charges',
      'SERVER',
      at + 21 + queueMs,
      at + 19 + queueMs + pspMs,
    ),
  ];
}

/** The runner's phase span, as every run exports it. */
function phase(id: bigint, name: string, fromMs: number, toMs: number): SpanRow {
  return row(999n, id, 1n, 'faultline', `phase ${name}`, 'INTERNAL', fromMs, toMs, {
    attributes: { 'chaos.phase': name },
  });
}

describe('reading critical paths from the span store', function () {
  this.timeout(60_000);
  let store: SpanStore;
  let dir: string;

  before(async () => {
    store = await SpanStore.open();
    const rows: SpanRow[] = [phase(9001n, 'baseline', 0, 1000), phase(9002n, 'inject', 1000, 2000)];
    for (let i = 0; i < 8; i++) rows.push(...order(BigInt(i + 1), i * 100, 20));
    for (let i = 0; i < 8; i++) rows.push(...order(BigInt(i + 101), 1000 + i * 100, 400));
    rows.push(row(500n, 50001n, null, 'gateway', 'GET /v1/products', 'SERVER', 1500, 1504));
    store.enqueue(rows);
    await store.flush();
    dir = mkdtempSync(join(tmpdir(), 'faultline-cpath-'));
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const inject = { fromUnixNano: T0 + 1000n * MS, toUnixNano: T0 + 2000n * MS };
  const baseline = { fromUnixNano: T0, toUnixNano: T0 + 1000n * MS };

  it('summarises a phase: shares by service and kind, database spans recognised, run prefixes dropped', async () => {
    const s = await readPopulation(store, { window: baseline });
    assert.equal(s.traces, 8);
    // per trace: gateway 10, order 2 (downstream), queueing 5, payment 1 + 7 db + 10, psp client 1 + psp 18 + 1 = 55
    assert.equal(Math.round(s.latency!.meanMs), 55);
    const kind = (k: string) => s.components.kind.find((c) => c.key === k)?.meanMs;
    assert.equal(kind('database'), 7);
    assert.equal(kind('queueing'), 5);
    assert.ok(
      s.components.span.some((c) => c.key === 'payment payment.commands process'),
      'no run prefix',
    );
    assert.ok(s.components.span.some((c) => c.key === 'payment pg.query:INSERT payment_db'));
    assert.deepEqual(s.topPaths[0]?.services, ['gateway', 'order', 'payment', 'psp', 'payment']);
    assert.ok(
      !s.components.service.some((c) => c.key === 'faultline'),
      'the runner’s own spans are left out',
    );
  });

  it('keeps only the traces that hold a span matching the selector', async () => {
    const s = await readPopulation(store, { window: inject, select: 'span[service=psp]' });
    assert.equal(s.traces, 8, 'the products read has no psp span');
    const all = await readPopulation(store, { window: inject });
    assert.equal(all.traces, 9);
  });

  it('gives the same summary when the store is read in several queries, split by trace', async () => {
    // A stable text of a summary: sums of the same numbers in another order differ in the last bits.
    const text = (s: object): string =>
      JSON.stringify(s, (_k, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v));
    for (const q of [{ window: inject }, { window: baseline, select: 'span[service=psp]' }, {}]) {
      const whole = await readPopulation(store, q);
      const split = await readPopulation(store, { ...q, spansPerQuery: 10 });
      assert.ok(whole.traces > 0);
      assert.equal(text(split), text(whole));
    }
  });

  it('gives no traces, not zero shares, for a selection that matches nothing', async () => {
    const s = await readPopulation(store, { window: inject, select: 'span[service=carrier]' });
    assert.equal(s.traces, 0);
    assert.equal(s.latency, null);
  });

  it('reads the same paths back from a Parquet export, with the phases of the runner’s spans', async () => {
    const file = join(dir, 'spans.parquet');
    await store.exportParquet(file);
    const source = await openSpanSource(dir);
    try {
      assert.deepEqual([...source.phases.keys()].sort(), ['baseline', 'inject']);
      const fromFile = await readPopulation(source.store, { window: source.phases.get('inject')! });
      const fromStore = await readPopulation(store, { window: inject });
      assert.deepEqual(fromFile, fromStore);
    } finally {
      await source.close();
    }
  });

  it('refuses a folder without spans with an input error', async () => {
    await assert.rejects(openSpanSource(join(dir, 'nope')), { code: 'ERR_INPUT_SPANS' });
    await assert.rejects(openSpanSource(tmpdir()), /not a run folder/);
    const journal = join(dir, 'journal.json');
    writeFileSync(journal, '{}');
    await assert.rejects(openSpanSource(journal), /is not a run folder, a \.parquet or a \.duckdb file/);
  });
});

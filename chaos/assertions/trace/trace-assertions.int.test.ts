import assert from 'node:assert/strict';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { startCollector, type Collector } from '../../telemetry/collector.js';
import {
  createSagaTracers,
  emitOrphanConsumer,
  emitRemoteEntryTrace,
  emitSagaTrace,
} from '../../telemetry/testing/sdk-saga-traces.js';
import { runTraceAssertion } from './run-trace-assertions.js';
import type { TraceAssertion } from './trace-assertion.js';

const T0 = 1_700_000_000_000;
const SHIPPING_FAILED = 'span[service=shipping kind=consumer status=ERROR]';
const REFUND = 'span[service=payment name="payment.refund process"]';
const RELEASE = 'span[service=inventory name="inventory.release process"]';

describe('trace assertions over saga traces exported by the OpenTelemetry SDK', function () {
  let collector: Collector;
  const ids = { completed: [] as string[], compensated: [] as string[], half: '', orphan: '' };

  before(async () => {
    collector = await startCollector({ port: 0 });
    const url = `${collector.url}/v1/traces`;
    let n = 0;
    // Alternate encodings per service so both decoders feed the same traces.
    const tracers = createSagaTracers(() =>
      n++ % 2 === 0 ? new JsonExporter({ url }) : new ProtoExporter({ url }),
    );
    for (let i = 0; i < 4; i++) ids.completed.push(emitSagaTrace(tracers, 'completed', T0 + i * 1000));
    for (let i = 0; i < 3; i++)
      ids.compensated.push(emitSagaTrace(tracers, 'compensated', T0 + 10_000 + i * 1000));
    ids.half = emitSagaTrace(tracers, 'half-compensated', T0 + 20_000);
    ids.orphan = emitOrphanConsumer(tracers, T0 + 30_000);
    await tracers.shutdown();
    await collector.store.flush();
  });
  after(async () => collector.close());

  const check = (a: TraceAssertion) => runTraceAssertion(collector.store, a);

  it('fails the compensation rule for the trace that never released, citing it', async () => {
    const r = await check({
      id: 'comp',
      kind: 'every-trace',
      when: SHIPPING_FAILED,
      require: [REFUND, RELEASE],
    });
    assert.equal(r.verdict, 'fail', r.reason);
    assert.equal(r.evidence.samples, 4);
    assert.equal(r.evidence.observed, 1);
    assert.deepEqual(r.evidence.traceIds, [ids.half]);
  });

  it('passes the compensation rule when the window excludes the broken trace', async () => {
    const window = { toUnixNano: BigInt(T0 + 15_000) * 1_000_000n };
    const r = await check({
      id: 'comp',
      kind: 'every-trace',
      when: SHIPPING_FAILED,
      require: [REFUND, RELEASE],
      window,
    });
    assert.equal(r.verdict, 'pass', r.reason);
    assert.equal(r.evidence.samples, 3);
  });

  it('fails when compensations must come after a trigger that follows them', async () => {
    const r = await check({
      id: 'order',
      kind: 'every-trace',
      when: RELEASE,
      require: ['span[name="payment.authorize process"]'],
    });
    assert.equal(r.verdict, 'fail', r.reason);
    assert.equal(r.evidence.observed, 3);
  });

  it('passes "no completed order has an ERROR span in the gateway"', async () => {
    const r = await check({
      id: 'gw',
      kind: 'no-trace',
      when: 'span[name="shipping.schedule process" status!=ERROR]',
      forbid: 'span[service=gateway status=ERROR]',
    });
    assert.equal(r.verdict, 'pass', r.reason);
    assert.equal(r.evidence.samples, 4);
  });

  it('fails a no-trace rule that compensated traces break', async () => {
    const r = await check({
      id: 'x',
      kind: 'no-trace',
      when: 'span[service=gateway]',
      forbid: 'span[saga.compensation=true]',
    });
    assert.equal(r.verdict, 'fail');
    assert.equal(r.evidence.observed, 4);
    assert.deepEqual(new Set(r.evidence.traceIds), new Set([...ids.compensated, ids.half]));
  });

  it('measures propagation: the orphan consumer is unlinked and its trace has an orphan', async () => {
    const r = await check({ id: 'prop', kind: 'propagation' });
    const details = r.evidence.details as Record<string, number>;
    assert.equal(r.verdict, 'fail', r.reason);
    assert.equal(details['consumers'], 4 * 5 + 3 * 8 + 7 + 1);
    assert.equal(details['linkedConsumers'], details['consumers'] - 1);
    assert.equal(details['tracesWithOrphans'], 1);
    assert.deepEqual(r.evidence.traceIds, [ids.orphan]);
    const lenient = await check({ id: 'prop', kind: 'propagation', linked: '>= 0.9', orphans: '<= 0.2' });
    assert.equal(lenient.verdict, 'pass', lenient.reason);
  });

  it('evaluates counts, child and descendant relations', async () => {
    const child = await check({
      id: 'c',
      kind: 'count',
      select: 'span[service=order kind=producer] > span[service=payment kind=consumer]',
      objective: '== 12',
    });
    assert.equal(child.verdict, 'pass', child.reason);
    const desc = await check({
      id: 'd',
      kind: 'count',
      select: 'span[service=gateway] span[saga.compensation=true]',
      objective: '== 7',
    });
    assert.equal(desc.verdict, 'pass', desc.reason);
  });

  it('evaluates duration, rate, status and attribute assertions', async () => {
    const max = await check({
      id: 'm',
      kind: 'duration',
      select: 'span[name="shipping.schedule process" status!=ERROR]',
      stat: 'max',
      objective: '< 100',
      minSamples: 4,
    });
    assert.equal(max.verdict, 'pass', max.reason);
    assert.equal(max.evidence.observed, 40);
    const rate = await check({
      id: 'r',
      kind: 'rate',
      select: 'span[name="shipping.schedule process"]',
      match: 'span[status=ERROR]',
      objective: '< 0.1',
    });
    assert.equal(rate.verdict, 'fail', rate.reason);
    assert.equal(rate.evidence.observed, 0.5);
    const status = await check({
      id: 's',
      kind: 'status',
      select: 'span[service=gateway]',
      allowed: ['UNSET', 'OK'],
    });
    assert.equal(status.verdict, 'pass', status.reason);
    const attr = await check({
      id: 'a',
      kind: 'attribute',
      select: 'span[service=payment kind=consumer]',
      key: 'saga.step',
      allowed: ['payment'],
    });
    assert.equal(attr.verdict, 'fail', attr.reason);
    assert.deepEqual(attr.evidence.details, { offending: { '(missing)': 1 } });
  });

  it('is inconclusive, never a pass, when the window holds no data or too few samples', async () => {
    const empty = { fromUnixNano: BigInt(T0 + 100_000) * 1_000_000n };
    const count = await check({
      id: 'e',
      kind: 'count',
      select: 'span[status=ERROR]',
      objective: '== 0',
      window: empty,
    });
    assert.equal(count.verdict, 'inconclusive');
    const p99 = await check({
      id: 'p',
      kind: 'duration',
      select: 'span[name="shipping.schedule process"]',
      stat: 'p99',
      objective: '< 100',
    });
    assert.equal(p99.verdict, 'inconclusive');
    assert.match(p99.reason, /fewer than the minimum of 20/);
  });
});

describe('propagation with traces entering from an uninstrumented load generator', function () {
  let collector: Collector;
  const entered: string[] = [];
  let broken = '';

  before(async () => {
    collector = await startCollector({ port: 0 });
    const tracers = createSagaTracers(() => new JsonExporter({ url: `${collector.url}/v1/traces` }));
    for (let i = 0; i < 3; i++) entered.push(emitRemoteEntryTrace(tracers, T0 + i * 1000, false, i));
    broken = emitRemoteEntryTrace(tracers, T0 + 5000, true, 9);
    await tracers.shutdown();
    await collector.store.flush();
  });
  after(async () => collector.close());

  it("does not count the entry span's remote parent as an orphan, but does count a lost hop", async () => {
    const r = await runTraceAssertion(collector.store, { id: 'prop', kind: 'propagation' });
    const details = r.evidence.details as Record<string, number>;
    assert.equal(details['traces'], 4);
    assert.equal(details['tracesWithOrphans'], 1, 'only the trace with the lost gateway -> order hop');
    assert.deepEqual(r.evidence.traceIds, [broken]);
    assert.ok(!entered.includes(broken));
  });
});

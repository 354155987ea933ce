#!/usr/bin/env node
// `npm run bench:store [-- --sizes 1m,10m --seconds 8 --skip-ingest]`: sustained OTLP ingest over
// real HTTP (JSON and protobuf, 512-span saga batches) with peak RSS, then the time to evaluate a
// typical trace-assertion set over generated span tables. Prints numbers; never passes or fails.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runTraceAssertion } from '../../assertions/trace/run-trace-assertions.js';
import type { TraceAssertion } from '../../assertions/trace/trace-assertion.js';
import { startCollector } from '../collector.js';
import { SpanStore } from '../span-store.js';
import { generateSpans } from './generate-spans.js';
import { runIngest } from './ingest-bench.js';

const ASSERTIONS: TraceAssertion[] = [
  {
    id: 'p99-payment',
    kind: 'duration',
    select: 'span[service=payment kind=consumer]',
    stat: 'p99',
    objective: '< 800',
  },
  {
    id: 'shipping-errors',
    kind: 'rate',
    select: 'span[service=shipping kind=consumer]',
    match: 'span[status=ERROR]',
    objective: '< 0.3',
  },
  { id: 'gateway-errors', kind: 'count', select: 'span[service=gateway status=ERROR]', objective: '== 0' },
  {
    id: 'payment-step',
    kind: 'attribute',
    select: 'span[service=payment kind=consumer]',
    key: 'saga.step',
    allowed: ['payment'],
  },
  {
    id: 'compensated',
    kind: 'every-trace',
    when: 'span[service=shipping kind=consumer status=ERROR]',
    require: ['span[name="payment.refund process"]', 'span[name="payment.refund publish"]'],
  },
  {
    id: 'clean-gateway',
    kind: 'no-trace',
    when: 'span[name="shipping.schedule process" status!=ERROR]',
    forbid: 'span[service=gateway status=ERROR]',
  },
  { id: 'propagation', kind: 'propagation' },
];

function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(s.trim());
  if (!m) throw new Error(`bad size ${s} (use e.g. 1m, 500k, 10m)`);
  return Math.round(
    Number(m[1]) * ({ k: 1e3, m: 1e6, '': 1 } as Record<string, number>)[m[2]!.toLowerCase()]!,
  );
}

async function benchIngest(dir: string, seconds: number): Promise<void> {
  for (const encoding of ['json', 'protobuf'] as const) {
    const collector = await startCollector({ port: 0, dbPath: join(dir, `ingest-${encoding}.duckdb`) });
    const r = await runIngest(collector, encoding, seconds);
    const stored = await collector.store.count();
    await collector.close();
    console.log(
      `ingest ${encoding.padEnd(8)} ${Math.round(r.spansPerSecond).toLocaleString('en')} spans/s ` +
        `(${r.spans.toLocaleString('en')} spans in ${r.seconds.toFixed(1)} s, stored ${stored.toLocaleString('en')}, 503s ${r.throttled}; ` +
        `${r.cpuSeconds.toFixed(1)} CPU s = ${Math.round(r.spans / r.cpuSeconds).toLocaleString('en')} spans per CPU second incl. the client)`,
    );
  }
}

async function benchQueries(dir: string, rows: number): Promise<void> {
  const store = await SpanStore.open({ dbPath: join(dir, `q-${rows}.duckdb`) });
  try {
    let t = performance.now();
    await generateSpans(store, rows);
    const n = await store.count();
    console.log(
      `assertions over ${n.toLocaleString('en')} spans (generated in ${((performance.now() - t) / 1000).toFixed(1)} s):`,
    );
    for (const pass of ['cold', 'warm']) {
      t = performance.now();
      const cpu = process.cpuUsage();
      const parts: string[] = [];
      for (const a of ASSERTIONS) {
        const t0 = performance.now();
        const r = await runTraceAssertion(store, a);
        parts.push(`${a.id}=${Math.round(performance.now() - t0)}ms(${r.verdict})`);
      }
      const used = process.cpuUsage(cpu);
      const cpuMs = Math.round((used.user + used.system) / 1000);
      console.log(
        `  ${pass}: total ${Math.round(performance.now() - t)} ms wall, ${cpuMs} ms CPU  ${parts.join(' ')}`,
      );
    }
  } finally {
    await store.close();
  }
}

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1m' },
    seconds: { type: 'string', default: '8' },
    'skip-ingest': { type: 'boolean', default: false },
  },
});
const dir = mkdtempSync(join(tmpdir(), 'faultline-bench-store-'));
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
try {
  console.log(
    `bench:store  node ${process.version}, sizes ${values.sizes}, ingest ${values.seconds} s per encoding`,
  );
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${availableParallelism()} cores (wall times scale with it)`,
  );
  if (!values['skip-ingest']) {
    await benchIngest(dir, Number(values.seconds));
    console.log(`peak RSS after ingest: ${Math.round(peakRss / 2 ** 20)} MiB`);
  }
  for (const size of values.sizes.split(',')) await benchQueries(dir, parseSize(size));
  console.log(`peak RSS overall: ${Math.round(peakRss / 2 ** 20)} MiB`);
} finally {
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });
}

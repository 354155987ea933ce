#!/usr/bin/env node
// `npm run bench:store [-- --sizes 1m,10m --seconds 8 --skip-ingest --skip-critical-path
// --memory-limit 1GB]`: sustained
// OTLP ingest (JSON and protobuf, 512-span saga batches) over real HTTP end to end and into the
// store alone, with peak RSS; then the latency of each typical trace assertion over generated span
// tables, with the peak RSS of generating the table, of the assertion set and of the critical path
// each on its own line. Every number is followed by the 1-minute load average when it was taken,
// since the machine is shared. Prints numbers; never passes or fails.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runTraceAssertion } from '../../assertions/trace/run-trace-assertions.js';
import type { TraceAssertion } from '../../assertions/trace/trace-assertion.js';
import { startCollector } from '../collector.js';
import { SpanStore } from '../span-store.js';
import { benchCriticalPath } from './critical-path-bench.js';
import { generateSpans } from './generate-spans.js';
import { runIngest, runStoreIngest, type IngestResult } from './ingest-bench.js';

/** The typical set; ids in COMPARISONS are measured but left out of the set's total. */
const ASSERTIONS: TraceAssertion[] = [
  {
    id: 'count service+status',
    kind: 'count',
    select: 'span[service=gateway status=ERROR]',
    objective: '== 0',
  },
  {
    id: 'count promoted attribute',
    kind: 'count',
    select: 'span[messaging.destination.name="payment.refund"]',
    objective: '> 0',
  },
  {
    id: 'count JSON attribute',
    kind: 'count',
    select: 'span[messaging.rabbitmq.destination.routing_key="payment.refund"]',
    objective: '> 0',
  },
  {
    id: 'p99 by selector',
    kind: 'duration',
    select: 'span[service=payment kind=consumer]',
    stat: 'p99',
    objective: '< 800',
  },
  {
    id: 'rate',
    kind: 'rate',
    select: 'span[service=shipping kind=consumer]',
    match: 'span[status=ERROR]',
    objective: '< 0.3',
  },
  {
    id: 'attribute values',
    kind: 'attribute',
    select: 'span[service=payment kind=consumer]',
    key: 'saga.step',
    allowed: ['payment'],
  },
  {
    id: 'every-trace require',
    kind: 'every-trace',
    when: 'span[service=shipping kind=consumer status=ERROR]',
    require: ['span[name="payment.refund process"]', 'span[name="payment.refund publish"]'],
  },
  {
    id: 'no-trace forbid',
    kind: 'no-trace',
    when: 'span[name="shipping.schedule process" status!=ERROR]',
    forbid: 'span[service=gateway status=ERROR]',
  },
  { id: 'propagation', kind: 'propagation' },
];

/** The same count as `count promoted attribute`, through a non-promoted key (JSON extraction). */
const COMPARISONS = new Set(['count JSON attribute']);

const load = () => `(load ${loadavg()[0]!.toFixed(2)})`;
const int = (n: number) => Math.round(n).toLocaleString('en');

function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(s.trim());
  if (!m) throw new Error(`bad size ${s} (use e.g. 1m, 500k, 10m)`);
  return Math.round(
    Number(m[1]) * ({ k: 1e3, m: 1e6, '': 1 } as Record<string, number>)[m[2]!.toLowerCase()]!,
  );
}

function ingestLine(path: string, r: IngestResult, stored: number): string {
  return (
    `ingest ${path.padEnd(5)} ${r.encoding.padEnd(8)} ${int(r.spansPerSecond).padStart(8)} spans/s ${load()}  ` +
    `[${int(r.spans)} spans in ${r.seconds.toFixed(1)} s, stored ${int(stored)}, waits on a full queue ${r.throttled}, ` +
    `${int(r.spans / r.cpuSeconds)} spans per process CPU s]`
  );
}

async function benchIngest(dir: string, seconds: number): Promise<void> {
  for (const encoding of ['json', 'protobuf'] as const) {
    const collector = await startCollector({ port: 0, dbPath: join(dir, `http-${encoding}.duckdb`) });
    const r = await runIngest(collector, encoding, seconds);
    const stored = await collector.store.count();
    await collector.close();
    console.log(ingestLine('http', r, stored));
  }
  for (const encoding of ['json', 'protobuf'] as const) {
    const store = await SpanStore.open({ dbPath: join(dir, `store-${encoding}.duckdb`) });
    const r = await runStoreIngest(store, encoding, seconds);
    const stored = await store.count();
    await store.close();
    console.log(ingestLine('store', r, stored));
  }
}

async function benchQueries(
  dir: string,
  rows: number,
  criticalPath: boolean,
  memoryLimit: string | undefined,
): Promise<void> {
  const store = await SpanStore.open({
    dbPath: join(dir, `q-${rows}.duckdb`),
    ...(memoryLimit === undefined ? {} : { memoryLimit }),
  });
  const [setting] = await store.query(`SELECT current_setting('memory_limit') AS m`);
  console.log(`DuckDB memory_limit ${String(setting?.['m'])}`);
  try {
    const t = performance.now();
    await generateSpans(store, rows);
    await store.execute('CHECKPOINT');
    const n = await store.count();
    console.log(`  peak RSS generating ${int(n)} spans: ${mib(takeSectionPeak())} MiB`);
    console.log(
      `assertions over ${int(n)} spans (generated in ${((performance.now() - t) / 1000).toFixed(1)} s); ` +
        `ms per assertion, first run / second run:`,
    );
    let total = [0, 0];
    for (const a of ASSERTIONS) {
      const ms: number[] = [];
      let verdict = '';
      for (let pass = 0; pass < 2; pass++) {
        const t0 = performance.now();
        verdict = (await runTraceAssertion(store, a)).verdict;
        ms.push(performance.now() - t0);
      }
      const comparison = COMPARISONS.has(a.id);
      if (!comparison) total = [total[0]! + ms[0]!, total[1]! + ms[1]!];
      const note = comparison ? '  (comparison, not in the set)' : '';
      console.log(
        `  ${a.id.padEnd(26)} ${ms.map(int).join(' / ').padStart(13)} ms ${load()}  ${verdict}${note}`,
      );
    }
    console.log(`  ${'typical set'.padEnd(26)} ${total.map(int).join(' / ').padStart(13)} ms ${load()}`);
    console.log(`  peak RSS during the assertion set: ${mib(takeSectionPeak())} MiB`);
    if (criticalPath) {
      await benchCriticalPath(store, n);
      console.log(`  peak RSS during the critical path: ${mib(takeSectionPeak())} MiB`);
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
    'skip-critical-path': { type: 'boolean', default: false },
    /** DuckDB memory_limit of the query store, e.g. `1GB`; default the store's own. */
    'memory-limit': { type: 'string' },
  },
});
const dir = mkdtempSync(join(tmpdir(), 'faultline-bench-store-'));
let peakRss = 0;
let sectionPeak = 0;
const sampleRss = (): void => {
  const rss = process.memoryUsage().rss;
  peakRss = Math.max(peakRss, rss);
  sectionPeak = Math.max(sectionPeak, rss);
};
/** The highest RSS since the last call (sampled every 100 ms, and now). */
function takeSectionPeak(): number {
  sampleRss();
  const peak = sectionPeak;
  sectionPeak = process.memoryUsage().rss;
  return peak;
}
const mib = (bytes: number) => int(bytes / 2 ** 20);
const sampler = setInterval(sampleRss, 100);
try {
  console.log(
    `bench:store  node ${process.version}, ${availableParallelism()} cores, sizes ${values.sizes}, ` +
      `ingest ${values.seconds} s per run ${load()}`,
  );
  if (!values['skip-ingest']) {
    await benchIngest(dir, Number(values.seconds));
    console.log(`peak RSS after ingest: ${Math.round(peakRss / 2 ** 20)} MiB`);
  }
  takeSectionPeak();
  for (const size of values.sizes.split(','))
    await benchQueries(dir, parseSize(size), !values['skip-critical-path'], values['memory-limit']);
  console.log(`peak RSS overall: ${mib(peakRss)} MiB`);
} finally {
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });
}

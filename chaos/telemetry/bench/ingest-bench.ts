import { setImmediate as yieldToLoop, setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import type { Collector } from '../collector.js';
import { decodeProtoSpans } from '../otlp-proto-spans.js';
import { requestToRows } from '../otlp-spans.js';
import type { SpanStore } from '../span-store.js';
import { encodedBatches } from './saga-batch.js';

/** Result of one sustained-ingest run. */
export interface IngestResult {
  encoding: 'json' | 'protobuf';
  spans: number;
  seconds: number;
  spansPerSecond: number;
  throttled: number;
  /** Process CPU seconds (user + system, all threads) spent meanwhile, client included. */
  cpuSeconds: number;
}

/**
 * Posts pre-encoded 512-span batches over real HTTP to the collector from `connections` concurrent
 * loops for `seconds`, then waits until every accepted span is appended. A 503 is retried after
 * 20 ms (and counted). The rate includes the final flush.
 */
export async function runIngest(
  collector: Collector,
  encoding: 'json' | 'protobuf',
  seconds: number,
  connections = 4,
): Promise<IngestResult> {
  const batches = encodedBatches(64, encoding);
  const pool = new Pool(collector.url, { connections, pipelining: 1 });
  const contentType = encoding === 'json' ? 'application/json' : 'application/x-protobuf';
  let spans = 0;
  let throttled = 0;
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const loop = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const batch = batches[next++ % batches.length]!;
      const res = await pool.request({
        path: '/v1/traces',
        method: 'POST',
        body: batch.body,
        headers: { 'content-type': contentType },
      });
      await res.body.dump();
      if (res.statusCode === 200) spans += batch.spans;
      else if (res.statusCode === 503) {
        throttled++;
        await sleep(20);
      } else throw new Error(`unexpected HTTP ${res.statusCode}`);
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  await collector.store.flush();
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  await pool.close();
  return {
    encoding,
    spans,
    seconds: elapsed,
    spansPerSecond: spans / elapsed,
    throttled,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

/**
 * The store alone: decodes the same pre-encoded batches (JSON or protobuf) into rows and
 * enqueues them for `seconds`, waiting whenever the store reports saturation, then flushes. No
 * HTTP, so this is the ceiling the receiver can reach.
 */
export async function runStoreIngest(
  store: SpanStore,
  encoding: 'json' | 'protobuf',
  seconds: number,
): Promise<IngestResult> {
  const batches = encodedBatches(64, encoding);
  let spans = 0;
  let throttled = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  for (let i = 0; performance.now() < deadline; i++) {
    if (store.isSaturated()) {
      throttled++;
      await sleep(1);
      continue;
    }
    const body = batches[i % batches.length]!.body;
    // As the receiver does: JSON is parsed then flattened, protobuf decoded straight into rows.
    const { rows } =
      typeof body === 'string' ? requestToRows(JSON.parse(body) as unknown) : decodeProtoSpans(body);
    store.enqueue(rows);
    spans += rows.length;
    if (i % 8 === 7) await yieldToLoop();
  }
  await store.flush();
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    encoding,
    spans,
    seconds: elapsed,
    spansPerSecond: spans / elapsed,
    throttled,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

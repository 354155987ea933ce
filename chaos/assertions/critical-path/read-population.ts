import type { DuckDBDataChunk } from '@duckdb/node-api';
import type { SpanStore } from '../../telemetry/span-store.js';
import { SPANS_TABLE } from '../../telemetry/spans-schema.js';
import type { ComponentIndex } from './component-index.js';
import { labelHash, populationQueries, type PopulationQuery } from './population-sql.js';
import { PopulationAccumulator, type PopulationSummary } from './population-summary.js';
import { spanRole, stableSpanName } from './span-label.js';
import { TraceAnalyser } from './trace-analyser.js';

export type { PopulationQuery };

/**
 * A population is read in one query per this many stored spans (at most MAX_PARTS): the next
 * query's sort then runs while the previous one's traces are walked, and each sort is smaller.
 * bench:store over 10 M spans: peak RSS 0.8–0.9 GiB in 5 queries against 1.5 GiB in one; wall
 * time 4.0–6.5 s over four runs, against 4.8–5.4 s in one run of the single query.
 */
const SPANS_PER_QUERY = 2_000_000;
const MAX_PARTS = 8;

/**
 * Reads one population of traces from the store and summarises its critical paths, in one
 * streaming pass: DuckDB selects the traces, orders their spans by trace and hands them over in
 * chunks of numbers (population-sql.ts); each trace's path is computed as soon as its last span
 * is read, on columns reused from trace to trace, so memory holds one trace plus the summary.
 * Service, name and role come from a small label table read first, each label interned once.
 * @throws ExpressionError for a malformed selector; FaultlineError `ERR_STORE_QUERY`.
 */
export async function readPopulation(store: SpanStore, q: PopulationQuery = {}): Promise<PopulationSummary> {
  await store.flush();
  const acc = new PopulationAccumulator();
  const { labels, originUnixNano, spans } = await readLabels(store, acc.index);
  let unknown = -1;
  const parts = Math.min(MAX_PARTS, Math.max(1, Math.ceil(spans / (q.spansPerQuery ?? SPANS_PER_QUERY))));
  const a = new TraceAnalyser(acc.index.labels);
  let key = NaN;
  await store.stream(populationQueries(q, originUnixNano, parts), (chunk: DuckDBDataChunk) => {
    const [tk, id, parent, label, start, end] = [0, 1, 2, 3, 4, 5].map((i) => chunk.getColumnVector(i));
    const rows = chunk.rowCount;
    for (let r = 0; r < rows; r++) {
      const k = tk!.getItem(r) as number;
      if (k !== key) {
        if (a.n > 0) {
          a.analyse();
          acc.addAnalysed(a);
        }
        a.reset();
        key = k;
      }
      let l = labels.get(label!.getItem(r) as number);
      if (l === undefined) {
        // A label stored after the label table was read.
        if (unknown < 0) unknown = acc.index.label('unknown_service', '?', 'work');
        l = unknown;
      }
      const p = parent!.getItem(r) as number;
      a.add(
        id!.getItem(r) as number,
        p < 0 ? NaN : p,
        l,
        start!.getItem(r) as number,
        end!.getItem(r) as number,
      );
    }
  });
  if (a.n > 0) {
    a.analyse();
    acc.addAnalysed(a);
  }
  return acc.summary(q.topK ?? 5);
}

/** Every distinct (service, name, kind, scope) of the store, interned in `index`, by the hash the pass reads. */
async function readLabels(
  store: SpanStore,
  index: ComponentIndex,
): Promise<{ labels: Map<number, number>; originUnixNano: bigint; spans: number }> {
  // A label is a database call when any of its CLIENT spans carries `db.system*`; only CLIENT
  // spans have their attributes read for it.
  const rows = await store.query(
    `WITH l AS (SELECT service_name, name, kind, scope_name, min(start_unix_nano) AS first_start, count(*) AS spans
                FROM ${SPANS_TABLE} GROUP BY ALL),
          d AS (SELECT DISTINCT service_name, name, scope_name FROM ${SPANS_TABLE}
                WHERE kind = 'CLIENT' AND contains(attributes, '"db.system'))
     SELECT ${labelHash('l.')} AS h, l.service_name, l.name, CAST(l.kind AS VARCHAR) AS kind, l.scope_name,
            l.first_start, l.spans, (l.kind = 'CLIENT' AND d.name IS NOT NULL) AS db
     FROM l LEFT JOIN d ON d.service_name = l.service_name AND d.name = l.name AND d.scope_name = l.scope_name`,
  );
  const labels = new Map<number, number>();
  let originUnixNano = 0n;
  let spans = 0;
  for (const [i, r] of rows.entries()) {
    const first = BigInt(r['first_start'] as bigint);
    if (i === 0 || first < originUnixNano) originUnixNano = first;
    spans += Number(r['spans']);
    const role = spanRole(String(r['kind']), String(r['scope_name']), r['db'] === true);
    labels.set(
      Number(r['h']),
      index.label(String(r['service_name']), stableSpanName(String(r['name'])), role),
    );
  }
  return { labels, originUnixNano, spans };
}

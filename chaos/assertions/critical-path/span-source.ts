import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FaultlineError } from '../../errors.js';
import type { Phase } from '../../experiment/check-spec.js';
import { SpanStore } from '../../telemetry/span-store.js';
import { SPANS_TABLE } from '../../telemetry/spans-schema.js';
import type { TimeWindow } from '../trace/selector-sql.js';

/** A span store opened from a run folder or a spans file, with the run's phase windows. */
export interface SpanSource {
  store: SpanStore;
  /** What was opened (for messages). */
  path: string;
  /** Phase windows read from the runner's own `phase <name>` spans (empty if there are none). */
  phases: Map<Phase, TimeWindow>;
  close(): Promise<void>;
}

/** SQL turning a hex id column of the Parquet export back into the store's integer. */
function hexToInt(column: string, digits: 32 | 16): string {
  if (digits === 16) return `('0x' || ${column})::UBIGINT`;
  return (
    `(('0x' || left(${column}, 16))::UBIGINT::UHUGEINT * 18446744073709551616::UHUGEINT ` +
    `+ ('0x' || right(${column}, 16))::UBIGINT)`
  );
}

/**
 * Opens spans for analysis: a run folder (its `spans.parquet`), a Parquet export, or a DuckDB file
 * written by `faultline collect --db`. Parquet is loaded into an in-memory store (ids back to
 * integers). Phase windows come from the runner's spans, which every run exports with the fleet's.
 * @throws FaultlineError `ERR_INPUT_SPANS` when the path holds no spans to read.
 */
export async function openSpanSource(path: string): Promise<SpanSource> {
  if (!existsSync(path)) throw new FaultlineError('ERR_INPUT_SPANS', `${path} does not exist`);
  const file = statSync(path).isDirectory() ? join(path, 'spans.parquet') : path;
  if (!existsSync(file))
    throw new FaultlineError(
      'ERR_INPUT_SPANS',
      `${path} is a folder without spans.parquet (not a run folder)`,
    );
  const parquet = file.endsWith('.parquet');
  if (!parquet && !/\.(duckdb|db)$/.test(file))
    throw new FaultlineError('ERR_INPUT_SPANS', `${path} is not a run folder, a .parquet or a .duckdb file`);
  const store = await SpanStore.open(parquet ? {} : { dbPath: file }).catch((err: unknown) => {
    throw new FaultlineError('ERR_INPUT_SPANS', `${file} is neither a Parquet export nor a span database`, {
      cause: err,
    });
  });
  try {
    if (parquet) {
      await store.execute(
        `INSERT INTO ${SPANS_TABLE} SELECT * REPLACE (${hexToInt('trace_id', 32)} AS trace_id, ` +
          `${hexToInt('span_id', 16)} AS span_id, ${hexToInt('parent_span_id', 16)} AS parent_span_id) ` +
          `FROM read_parquet(?)`,
        [file],
      );
    }
    const phases = await readPhaseWindows(store);
    return { store, path, phases, close: () => store.close() };
  } catch (err) {
    await store.close();
    throw new FaultlineError('ERR_INPUT_SPANS', `cannot read spans from ${file}`, { cause: err });
  }
}

/** The latest window of each phase, from the runner's `phase <name>` spans. */
export async function readPhaseWindows(store: SpanStore): Promise<Map<Phase, TimeWindow>> {
  const rows = await store.query(
    `SELECT json_extract_string(attributes, '$."chaos.phase"') AS phase,
            arg_max(start_unix_nano, start_unix_nano) AS f, arg_max(end_unix_nano, start_unix_nano) AS t
     FROM ${SPANS_TABLE} WHERE service_name = 'faultline' AND name LIKE 'phase %' GROUP BY 1`,
  );
  const phases = new Map<Phase, TimeWindow>();
  for (const r of rows)
    phases.set(String(r['phase']) as Phase, {
      fromUnixNano: BigInt(r['f'] as bigint),
      toUnixNano: BigInt(r['t'] as bigint),
    });
  return phases;
}

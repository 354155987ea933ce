import { resolve } from 'node:path';
import type { Command } from 'commander';
import { FaultlineError } from '../../errors.js';
import { startCollector } from '../../telemetry/collector.js';
import type { CliContext } from '../context.js';
import { exitCode } from '../../exit-codes.js';

interface CollectOptions {
  host: string;
  port: string;
  db: string;
  parquet?: string;
  maxPending: string;
}

function parseInteger(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new FaultlineError(
      'ERR_INPUT_COLLECT_OPTION',
      `${flag} must be an integer from ${min} to ${max}, got "${value}"`,
    );
  }
  return n;
}

/**
 * `faultline collect`: a standalone OTLP/HTTP receiver writing spans to a DuckDB file until
 * SIGINT/SIGTERM, then flushing, optionally exporting Parquet, and closing. Lets an OpenTelemetry
 * Collector fan out to Faultline.
 */
export function registerCollect(program: Command, ctx: CliContext, setExit: (code: number) => void): void {
  program
    .command('collect')
    .description('receive OTLP/HTTP traces (JSON or protobuf) into a DuckDB file until interrupted')
    .option('--host <host>', 'listen host', '127.0.0.1')
    .option('--port <port>', 'listen port (0 picks a free one)', '4318')
    .option(
      '--db <file>',
      'DuckDB database file (created if missing; appended to if present)',
      'spans.duckdb',
    )
    .option('--parquet <file>', 'also export every stored span to this Parquet file on exit')
    .option('--max-pending <spans>', 'queued spans above which the receiver answers 503', '200000')
    .action(async (opts: CollectOptions) => {
      const port = parseInteger('--port', opts.port, 0, 65535);
      const maxPendingRows = parseInteger('--max-pending', opts.maxPending, 1, 100_000_000);
      const dbPath = resolve(ctx.cwd, opts.db);
      const collector = await startCollector({ host: opts.host, port, dbPath, maxPendingRows });
      ctx.stdout.write(
        `collect: listening on ${collector.url}/v1/traces, writing ${dbPath} (Ctrl-C to stop)\n`,
      );
      if (!ctx.interrupted.aborted) {
        await new Promise<void>((done) =>
          ctx.interrupted.addEventListener('abort', () => done(), { once: true }),
        );
      }
      await collector.store.flush();
      const total = await collector.store.count();
      if (opts.parquet !== undefined) await collector.store.exportParquet(resolve(ctx.cwd, opts.parquet));
      await collector.close();
      const s = collector.stats;
      ctx.stdout.write(
        `collect: stopped; ${s.spansAccepted} spans accepted, ${s.spansRejected} rejected, ` +
          `${s.badRequests} bad requests, ${s.throttled} throttled; ${total} spans in ${dbPath}\n`,
      );
      setExit(exitCode('pass'));
    });
}

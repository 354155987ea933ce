import { startReceiver, type Receiver, type ReceiverStats } from './otlp-receiver.js';
import { SpanStore } from './span-store.js';

/** Options of `startCollector`. */
export interface CollectorOptions {
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default 4318; 0 picks a free port. */
  port?: number;
  /** DuckDB file; default `:memory:`. */
  dbPath?: string;
  /** Queue bound before the receiver answers 503; default 200 000 spans. */
  maxPendingRows?: number;
  /** Rows appended between event-loop yields; default 8 192. */
  chunkRows?: number;
}

/** A running receiver plus its store; `close()` stops accepting, flushes and closes the database. */
export interface Collector {
  url: string;
  port: number;
  store: SpanStore;
  stats: ReceiverStats;
  close(): Promise<void>;
}

/** Starts the in-process OTLP collector used by runs and by `faultline collect`. */
export async function startCollector(options: CollectorOptions = {}): Promise<Collector> {
  const store = await SpanStore.open({
    dbPath: options.dbPath,
    maxPendingRows: options.maxPendingRows,
    chunkRows: options.chunkRows,
  });
  let receiver: Receiver;
  try {
    receiver = await startReceiver({ store, host: options.host, port: options.port });
  } catch (err) {
    await store.close();
    throw err;
  }
  return {
    url: receiver.url,
    port: receiver.port,
    store,
    stats: receiver.stats,
    close: async () => {
      await receiver.close();
      await store.flush().finally(() => store.close());
    },
  };
}

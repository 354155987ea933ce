/** The trace store's public surface for the runner and the CLI. */
export { startCollector, type Collector, type CollectorOptions } from './collector.js';
export { startReceiver, type Receiver, type ReceiverOptions, type ReceiverStats } from './otlp-receiver.js';
export { SpanStore, type SpanStoreOptions } from './span-store.js';
export { SPANS_TABLE } from './spans-schema.js';
export type { SpanRow, SpanKindName, StatusCodeName } from './span-row.js';

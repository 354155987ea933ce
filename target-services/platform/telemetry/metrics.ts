import { metrics, type Attributes } from '@opentelemetry/api';
import { METRICS } from '../../contracts/telemetry-names.js';

type Key = keyof typeof METRICS;

/** Records to one registered instrument by registry key; unknown kinds never throw. */
export interface Recorder {
  add(key: Key, value: number, attributes?: Attributes): void;
  record(key: Key, value: number, attributes?: Attributes): void;
}

/** Instruments for the registry entries this process uses, created lazily from the registry. */
export function createRecorder(service: string): Recorder {
  const meter = metrics.getMeter(`faultline-${service}`);
  const counters = new Map<Key, { add(v: number, a?: Attributes): void }>();
  const histograms = new Map<Key, { record(v: number, a?: Attributes): void }>();
  const counter = (key: Key) => {
    let c = counters.get(key);
    if (!c) {
      const m = METRICS[key];
      const opts = { unit: m.unit, description: m.description };
      c =
        m.kind === 'counter'
          ? meter.createCounter(m.instrument, opts)
          : meter.createUpDownCounter(m.instrument, opts);
      counters.set(key, c);
    }
    return c;
  };
  const histogram = (key: Key) => {
    let h = histograms.get(key);
    if (!h) {
      const m = METRICS[key];
      h =
        m.kind === 'gauge'
          ? meter.createGauge(m.instrument, { unit: m.unit, description: m.description })
          : meter.createHistogram(m.instrument, { unit: m.unit, description: m.description });
      histograms.set(key, h);
    }
    return h;
  };
  return {
    add: (key, value, attributes) => counter(key).add(value, attributes),
    record: (key, value, attributes) => histogram(key).record(value, attributes),
  };
}

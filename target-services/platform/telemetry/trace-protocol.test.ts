import { strict as assert } from 'node:assert';
import { traceProtocol } from './trace-protocol.js';

describe('traceProtocol', () => {
  const cases: { env: Record<string, string>; want: string }[] = [
    { env: {}, want: 'http/protobuf' },
    { env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }, want: 'http/json' },
    { env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf' }, want: 'http/protobuf' },
    {
      env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf' },
      want: 'http/protobuf',
    },
    { env: { OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json' }, want: 'http/json' },
  ];
  for (const c of cases)
    it(`exports ${c.want} for ${JSON.stringify(c.env)}`, () => assert.equal(traceProtocol(c.env), c.want));
});

import assert from 'node:assert/strict';
import { OtlpShapeError, requestToRows } from './otlp-spans.js';
import { anyValue, toInt64 } from './otlp-values.js';

const span = (over: Record<string, unknown> = {}) => ({
  traceId: 'AB'.repeat(16),
  spanId: 'cd'.repeat(8),
  name: 'n',
  startTimeUnixNano: '1700000000000000000',
  endTimeUnixNano: '1700000000002500000',
  ...over,
});
const request = (...spans: unknown[]) => ({
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
      scopeSpans: [{ spans }],
    },
  ],
});

describe('requestToRows', () => {
  it('decodes a span with integer ids, duration in ms and the resource service', () => {
    const { rows, rejected } = requestToRows(
      request(span({ kind: 5, status: { code: 2, message: 'boom' } })),
    );
    assert.equal(rejected, 0);
    assert.deepEqual(
      { ...rows[0], attributes: undefined, resourceAttributes: undefined, events: undefined },
      {
        traceId: BigInt(`0x${'ab'.repeat(16)}`),
        spanId: 0xcdcdcdcdcdcdcdcdn,
        parentSpanId: null,
        name: 'n',
        kind: 'CONSUMER',
        serviceName: 'svc',
        scopeName: '',
        startUnixNano: 1700000000000000000n,
        endUnixNano: 1700000000002500000n,
        durationMs: 2.5,
        statusCode: 'ERROR',
        statusMessage: 'boom',
        attributes: undefined,
        resourceAttributes: undefined,
        events: undefined,
      },
    );
  });

  const rejectedCases: [string, Record<string, unknown>, RegExp][] = [
    ['a short trace id', { traceId: 'ab' }, /traceId/],
    ['an all-zero trace id', { traceId: '0'.repeat(32) }, /traceId/],
    ['a non-hex span id', { spanId: 'zz'.repeat(8) }, /spanId/],
    ['a 9-byte span id', { spanId: new Uint8Array(9).fill(1) }, /spanId/],
    ['a bad parent id', { parentSpanId: 'abc' }, /parentSpanId/],
    ['a non-numeric start', { startTimeUnixNano: 'soon' }, /time/],
    ['an unknown kind', { kind: 9 }, /kind/],
  ];
  for (const [name, over, reason] of rejectedCases) {
    it(`rejects a span with ${name} and keeps the others`, () => {
      const out = requestToRows(request(span(over), span({ spanId: 'ef'.repeat(8) })));
      assert.equal(out.rejected, 1);
      assert.equal(out.rows.length, 1);
      assert.match(out.firstError ?? '', reason);
    });
  }

  it('reads protobuf id bytes as the same integers as hex text', () => {
    const bytes = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));
    const [fromBytes] = requestToRows(
      request(
        span({
          traceId: bytes('ab'.repeat(16)),
          spanId: bytes('cd'.repeat(8)),
          parentSpanId: bytes('01'.repeat(8)),
        }),
      ),
    ).rows;
    const [fromHex] = requestToRows(request(span({ parentSpanId: '01'.repeat(8) }))).rows;
    assert.equal(fromBytes?.traceId, fromHex?.traceId);
    assert.equal(fromBytes?.spanId, fromHex?.spanId);
    assert.equal(fromBytes?.parentSpanId, 0x0101010101010101n);
  });

  it('treats an all-zero parent id as a root and accepts enum names', () => {
    const [row] = requestToRows(
      request(span({ parentSpanId: '0'.repeat(16), kind: 'SPAN_KIND_SERVER' })),
    ).rows;
    assert.equal(row?.parentSpanId, null);
    assert.equal(row?.kind, 'SERVER');
  });

  const malformed: unknown[] = [null, 5, [], { resourceSpans: {} }, { resourceSpans: [{ scopeSpans: 'x' }] }];
  for (const body of malformed) {
    it(`throws OtlpShapeError for ${JSON.stringify(body)}`, () => {
      assert.throws(() => requestToRows(body), OtlpShapeError);
    });
  }
});

describe('anyValue and toInt64', () => {
  const values: [unknown, unknown][] = [
    [{ stringValue: 'x' }, 'x'],
    [{ boolValue: false }, false],
    [{ intValue: '42' }, 42],
    [{ intValue: '9007199254740993' }, '9007199254740993'],
    [{ doubleValue: 0.5 }, 0.5],
    [{ arrayValue: { values: [{ intValue: 1 }, { stringValue: 'a' }] } }, [1, 'a']],
    [{ kvlistValue: { values: [{ key: 'k', value: { boolValue: true } }] } }, { k: true }],
    [{}, null],
  ];
  for (const [input, expected] of values) {
    it(`decodes ${JSON.stringify(input)}`, () => assert.deepEqual(anyValue(input), expected));
  }
  it('reads 64-bit integers from strings, numbers and Long-like objects', () => {
    assert.equal(toInt64('1700000000000000001'), 1700000000000000001n);
    assert.equal(toInt64(12), 12n);
    assert.equal(toInt64({ low: 908722177, high: 395812094, unsigned: true }), 1700000000000000001n);
    assert.equal(toInt64('1e5'), undefined);
  });
});

import assert from 'node:assert/strict';
import { encodedBatches } from './bench/saga-batch.js';
import { decodeTraceRequest, encodeTraceRequest } from './otlp-codec.js';
import { decodeProtoSpans, ProtoWireError } from './otlp-proto-spans.js';
import { requestToRows, type DecodedSpans } from './otlp-spans.js';

const hex = (s: string) => Buffer.from(s, 'hex');
const span = (over: Record<string, unknown> = {}) => ({
  traceId: hex('ab'.repeat(16)),
  spanId: hex('cd'.repeat(8)),
  name: 'n',
  startTimeUnixNano: '1700000000000000000',
  endTimeUnixNano: '1700000000002500000',
  ...over,
});
const request = (
  spans: unknown[],
  resource: unknown[] = [{ key: 'service.name', value: { stringValue: 'svc' } }],
) => ({
  resourceSpans: [{ resource: { attributes: resource }, scopeSpans: [{ scope: { name: 'lib' }, spans }] }],
});

/** A length-delimited field `n` holding `body`. */
function field(n: number, body: Uint8Array): Buffer {
  const length: number[] = [];
  for (let v = body.length; ; v >>>= 7) {
    if (v < 0x80) {
      length.push(v);
      break;
    }
    length.push((v & 0x7f) | 0x80);
  }
  return Buffer.concat([Uint8Array.from([(n << 3) | 2, ...length]), body]);
}

/** The body of the first length-delimited field of a message that holds only that field. */
function peel(message: Uint8Array): Buffer {
  let pos = 1;
  let length = 0;
  for (let shift = 0; ; shift += 7) {
    const b = message[pos++]!;
    length |= (b & 0x7f) << shift;
    if (b < 0x80) break;
  }
  return Buffer.from(message.subarray(pos, pos + length));
}

/** The reference: protobufjs' reflection decoder, then the shared flattening of `requestToRows`. */
const reference = (bytes: Uint8Array): DecodedSpans => requestToRows(decodeTraceRequest(bytes));

function assertSameAsReference(message: object): DecodedSpans {
  const bytes = encodeTraceRequest(message);
  const direct = decodeProtoSpans(bytes);
  assert.deepEqual(direct, reference(bytes));
  return direct;
}

describe('decodeProtoSpans (protobuf bytes straight to rows)', () => {
  it('gives the same rows as protobufjs plus requestToRows for the benchmark saga batches', () => {
    for (const { body } of encodedBatches(3, 'protobuf')) {
      const direct = decodeProtoSpans(body as Uint8Array);
      assert.equal(direct.rows.length, 512);
      assert.deepEqual(direct, reference(body as Uint8Array));
    }
  });

  const attributes: [string, Record<string, unknown>][] = [
    ['a string', { stringValue: 'x' }],
    ['an empty string', { stringValue: '' }],
    ['false', { boolValue: false }],
    ['true', { boolValue: true }],
    ['a small int', { intValue: 202 }],
    ['a negative int', { intValue: -5 }],
    ['an int past 2^53', { intValue: '9007199254740993' }],
    ['the largest int64', { intValue: '9223372036854775807' }],
    ['the smallest int64', { intValue: '-9223372036854775808' }],
    ['a 7-byte varint', { intValue: 2 ** 48 + 3 }],
    ['a double', { doubleValue: 0.25 }],
    ['bytes', { bytesValue: Buffer.from([0, 1, 254]) }],
    ['an array', { arrayValue: { values: [{ intValue: 1 }, { stringValue: 'a' }, {}] } }],
    ['a kvlist', { kvlistValue: { values: [{ key: 'k', value: { boolValue: true } }, { key: 'e' }] } }],
    ['no value', {}],
  ];
  for (const [name, value] of attributes) {
    it(`decodes an attribute holding ${name} as the reference does`, () => {
      const out = assertSameAsReference(request([span({ attributes: [{ key: 'a', value }] })]));
      assert.equal(out.rows.length, 1);
    });
  }

  it('decodes events, status, parent, kind, scope and resource attributes as the reference does', () => {
    const out = assertSameAsReference(
      request(
        [
          span({
            parentSpanId: hex('01'.repeat(8)),
            kind: 4,
            status: { code: 2, message: 'carrier unavailable' },
            events: [
              {
                timeUnixNano: '1700000000001000000',
                name: 'retry',
                attributes: [{ key: 'n', value: { intValue: 2 } }],
              },
              { name: 'no time' },
            ],
            attributes: [
              { key: 'dup', value: { stringValue: 'first' } },
              { key: 'dup', value: { stringValue: 'later wins' } },
              { value: { stringValue: 'no key' } },
            ],
            traceState: 'x=1',
            flags: 1,
            droppedAttributesCount: 3,
          }),
        ],
        [
          { key: 'service.name', value: { stringValue: 'payment' } },
          { key: 'host.name', value: { stringValue: 'h' } },
        ],
      ),
    );
    assert.equal(out.rows[0]?.serviceName, 'payment');
    assert.equal(out.rows[0]?.events.length, 2);
  });

  const rejected: [string, Record<string, unknown>][] = [
    ['a short trace id', { traceId: hex('ab') }],
    ['an all-zero trace id', { traceId: Buffer.alloc(16) }],
    ['no span id', { spanId: undefined }],
    ['a 9-byte span id', { spanId: Buffer.alloc(9, 1) }],
    ['a 3-byte parent id', { parentSpanId: hex('abcdef') }],
    ['no start time', { startTimeUnixNano: undefined }],
    ['an unknown kind', { kind: 9 }],
    ['a negative kind', { kind: -1 }],
    ['an unknown status code', { status: { code: 7 } }],
  ];
  for (const [name, over] of rejected) {
    it(`rejects a span with ${name}, keeps the others and names the reason as the reference does`, () => {
      const out = assertSameAsReference(request([span(over), span({ spanId: hex('ef'.repeat(8)) })]));
      assert.equal(out.rejected, 1);
      assert.equal(out.rows.length, 1);
    });
  }

  it('treats an all-zero parent as a root and a missing service.name as unknown_service', () => {
    const out = assertSameAsReference(request([span({ parentSpanId: Buffer.alloc(8) })], []));
    assert.equal(out.rows[0]?.parentSpanId, null);
    assert.equal(out.rows[0]?.serviceName, 'unknown_service');
  });

  it('reads a resource and a scope that follow their spans on the wire', () => {
    // protobufjs writes fields in schema order, so the reversed order is built by hand.
    const spanBody = peel(
      peel(peel(encodeTraceRequest({ resourceSpans: [{ scopeSpans: [{ spans: [span()] }] }] }))),
    );
    const text = (s: string) => Buffer.from(s, 'utf8');
    const serviceName = field(
      1,
      Buffer.concat([field(1, text('service.name')), field(2, field(1, text('late')))]),
    );
    const scopeSpans = Buffer.concat([field(2, spanBody), field(1, field(1, text('late-lib')))]);
    const bytes = field(1, Buffer.concat([field(2, scopeSpans), field(1, serviceName)]));
    const direct = decodeProtoSpans(bytes);
    assert.deepEqual(direct, reference(bytes));
    assert.equal(direct.rows[0]?.serviceName, 'late');
    assert.equal(direct.rows[0]?.scopeName, 'late-lib');
  });

  it('decodes an empty body as no spans', () => {
    assert.deepEqual(decodeProtoSpans(new Uint8Array()), { rows: [], rejected: 0 });
  });

  it('throws ProtoWireError on truncated bytes and on a wrong wire type, never a partial result', () => {
    const bytes = encodeTraceRequest(request([span()]));
    for (let cut = 1; cut < bytes.length; cut += 7)
      assert.throws(() => decodeProtoSpans(bytes.subarray(0, cut)), ProtoWireError, `cut at ${cut}`);
    // Field 1 (resource_spans) sent as a varint.
    assert.throws(() => decodeProtoSpans(Uint8Array.from([0x08, 0x01])), ProtoWireError);
    // Wire type 7 does not exist.
    assert.throws(() => decodeProtoSpans(Uint8Array.from([0x0f])), ProtoWireError);
  });
});

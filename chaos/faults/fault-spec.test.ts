import assert from 'node:assert/strict';
import { resolveToxicAttributes, TOXIC_ATTRIBUTES, TOXIC_TYPES, toxicSpecSchema } from './fault-spec.js';

describe('fault specs', function () {
  it('describes exactly the 8 Toxiproxy toxic types, each with its attribute table', function () {
    assert.deepEqual([...TOXIC_TYPES].sort(), Object.keys(TOXIC_ATTRIBUTES).sort());
    assert.equal(TOXIC_TYPES.length, 8);
    assert.deepEqual(Object.keys(TOXIC_ATTRIBUTES.latency), ['latency', 'jitter']);
    assert.deepEqual(Object.keys(TOXIC_ATTRIBUTES.slicer), ['average_size', 'size_variation', 'delay']);
    assert.equal(TOXIC_ATTRIBUTES.slicer['delay']?.unit, 'us');
    assert.equal(TOXIC_ATTRIBUTES.bandwidth['rate']?.unit, 'KB/s');
  });

  it('accepts every toxic type with all of its attributes and fills stream and toxicity defaults', function () {
    for (const type of TOXIC_TYPES) {
      const attributes = Object.fromEntries(Object.keys(TOXIC_ATTRIBUTES[type]).map((k) => [k, 10]));
      const parsed = toxicSpecSchema.parse({ type, attributes });
      assert.deepEqual(parsed, { type, stream: 'downstream', toxicity: 1, attributes });
    }
  });

  it('rejects an attribute that belongs to another toxic type', function () {
    const result = toxicSpecSchema.safeParse({ type: 'timeout', attributes: { latency: 5 } });
    assert.equal(result.success, false);
    assert.deepEqual(
      result.error?.issues.map((i) => [i.code, i.path.join('.')]),
      [['unrecognized_keys', 'attributes']],
    );
  });

  it('rejects negative and fractional attribute values and a toxicity above 1', function () {
    assert.equal(toxicSpecSchema.safeParse({ type: 'latency', attributes: { latency: -1 } }).success, false);
    assert.equal(toxicSpecSchema.safeParse({ type: 'latency', attributes: { latency: 1.5 } }).success, false);
    assert.equal(toxicSpecSchema.safeParse({ type: 'noop', toxicity: 1.01 }).success, false);
  });

  it('resolves omitted attributes to the Toxiproxy defaults', function () {
    const spec = toxicSpecSchema.parse({ type: 'slicer', attributes: { average_size: 64 } });
    assert.deepEqual(resolveToxicAttributes(spec), { average_size: 64, size_variation: 0, delay: 0 });
  });
});

import assert from 'node:assert/strict';
import { GoJsonError, decodeFirstValue } from './go-json.js';
import { decodeStruct, type GoField } from './go-struct.js';

const FIELDS: readonly GoField[] = [
  { json: 'name', type: 'string' },
  { json: 'toxicity', type: 'float32' },
  { json: 'latency', type: 'int64' },
  { json: 'enabled', type: 'bool' },
];

function goError(text: string): string {
  try {
    decodeStruct(decodeFirstValue(text), FIELDS, 'ToxicWrapper', 'toxics.ToxicWrapper');
  } catch (err) {
    assert.ok(err instanceof GoJsonError);
    return err.message;
  }
  return 'no error';
}

describe('Go-compatible JSON decoding', () => {
  it('reads only the first value and ignores trailing bytes', () => {
    const v = decodeStruct(decodeFirstValue('{"name":"a"} garbage'), FIELDS, 'S', 's.S');
    assert.deepEqual(v, { name: 'a' });
  });

  it('matches keys case-insensitively and ignores unknown keys and nulls', () => {
    const v = decodeStruct(
      decodeFirstValue('{"NAME":"a","Latency":5,"other":1,"enabled":null}'),
      FIELDS,
      'S',
      's.S',
    );
    assert.deepEqual(v, { name: 'a', latency: 5 });
  });

  it('keeps float32 precision for toxicity', () => {
    const v = decodeStruct(decodeFirstValue('{"toxicity":0.1}'), FIELDS, 'S', 's.S');
    assert.equal(v['toxicity'], Math.fround(0.1));
  });

  const cases: Array<[string, string]> = [
    ['', 'EOF'],
    ['   ', 'EOF'],
    ['{', 'unexpected EOF'],
    ['{nope', "invalid character 'n' looking for beginning of object key string"],
    ['x', "invalid character 'x' looking for beginning of value"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b"}', "invalid character '\"' after object key:value pair"],
    ['{"a":tru}', "invalid character '}' in literal true (expecting 'e')"],
    [
      '{"toxicity":"x"}',
      'json: cannot unmarshal string into Go struct field ToxicWrapper.toxicity of type float32',
    ],
    [
      '{"latency":1.5}',
      'json: cannot unmarshal number 1.5 into Go struct field ToxicWrapper.latency of type int64',
    ],
    ['{"name":5}', 'json: cannot unmarshal number into Go struct field ToxicWrapper.name of type string'],
    [
      '{"enabled":"yes"}',
      'json: cannot unmarshal string into Go struct field ToxicWrapper.enabled of type bool',
    ],
    ['[1]', 'json: cannot unmarshal array into Go value of type toxics.ToxicWrapper'],
  ];
  for (const [input, message] of cases) {
    it(`reports ${JSON.stringify(input)} as Go's "${message}"`, () => {
      assert.equal(goError(input), message);
    });
  }
});

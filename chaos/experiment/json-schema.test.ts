import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { BASE_EXPERIMENT, withLine } from './fixtures-base.js';
import { experimentJsonSchema } from './json-schema.js';

function compile() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  return ajv.compile(experimentJsonSchema());
}

describe('experiment JSON Schema export', function () {
  it('is a draft 2020-12 schema that Ajv compiles', function () {
    const schema = experimentJsonSchema();
    assert.equal(schema['$schema'], 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(typeof compile(), 'function');
  });

  it('accepts the base fixture and every catalog experiment', function () {
    const validate = compile();
    assert.ok(validate(parse(`${BASE_EXPERIMENT.join('\n')}\n`)), JSON.stringify(validate.errors));
    const dir = fileURLToPath(new URL('../../../experiments/', import.meta.url));
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      assert.ok(
        validate(parse(readFileSync(`${dir}${file}`, 'utf8'))),
        `${file}: ${JSON.stringify(validate.errors)}`,
      );
    }
  });

  it('rejects unknown keys and unknown toxic attributes like the loader does', function () {
    const validate = compile();
    assert.equal(validate(parse(withLine(14, 'asertions:'))), false);
    assert.equal(
      validate(parse(withLine(11, '    toxic: { type: latency, attributes: { latencyy: 100 } }'))),
      false,
    );
  });
});

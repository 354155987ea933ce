import assert from 'node:assert/strict';
import { parseSelector } from './selector-parser.js';
import { selectorToSql } from './selector-sql.js';

const sql = (source: string, window = {}) => selectorToSql(parseSelector(source), window);
const placeholders = (text: string) => text.split('?').length - 1;

describe('selectorToSql', () => {
  it('binds every user value as a parameter instead of splicing it', () => {
    const hostile = `x' OR 1=1 --`;
    const f = sql(`span[name="${hostile}" saga.id contains "${hostile}"]`);
    assert.ok(!f.sql.includes(hostile));
    assert.deepEqual(f.params, [hostile, '$."saga.id"', hostile]);
    assert.equal(placeholders(f.sql), f.params.length);
  });

  const cases: [string, string[]][] = [
    ['span[service=payment kind=consumer]', ['c.service_name = ?', 'c.kind = ?']],
    ['span[duration>=1.5s]', ['c.duration_ms >= ?']],
    ['span[http.response.status_code>=500]', ['TRY_CAST(c.http_response_status_code AS DOUBLE) >= ?']],
    ['span[order.id>=500]', ['TRY_CAST(json_extract_string(c.attributes, ?) AS DOUBLE) >= ?']],
    ['span[messaging.destination.name="a"]', ['c.messaging_destination_name = ?']],
    ['span[resource.host.name exists]', ['json_extract_string(c.resource_attributes, ?) IS NOT NULL']],
    ['span[name=~"a.*"]', ['regexp_full_match(c.name, ?)']],
    ['span[name glob "a*"]', ['c.name GLOB ?']],
    ['span[status!=ERROR]', ['c.status_code <> ?']],
    ['span[service=a] > span[service=b]', ['SEMI JOIN', 'c.parent_span_id = p.span_id']],
    ['span[service=a] span[service=b]', ['WITH RECURSIVE', 'SEMI JOIN']],
  ];
  for (const [source, fragments] of cases) {
    it(`compiles ${source}`, () => {
      const f = sql(source);
      for (const fragment of fragments)
        assert.ok(f.sql.includes(fragment), `${f.sql} should contain ${fragment}`);
      assert.equal(placeholders(f.sql), f.params.length);
    });
  }

  it('keeps parameters in placeholder order across steps and the window', () => {
    const f = sql('span[service=a] > span[service=b]', { fromUnixNano: 5n, toUnixNano: 9n });
    assert.deepEqual(f.params, ['a', 'b', 5n, 9n]);
  });
});

import { strict as assert } from 'node:assert';
import { pgSpanName } from './pg-span-name.js';

describe('the span name of a prepared statement', () => {
  const cases: [string, string | undefined, string][] = [
    ['select id from orders where id = $1', 'order_db', 'pg.query:SELECT order_db'],
    ['  with cur as (select 1)\n update orders set x = $1', 'order_db', 'pg.query:WITH order_db'],
    ['insert\ninto outbox values ($1)', 'payment_db', 'pg.query:INSERT payment_db'],
    ['COMMIT;', undefined, 'pg.query:COMMIT'],
  ];
  for (const [text, db, name] of cases)
    it(`names ${JSON.stringify(text.slice(0, 24))} ${name}`, () => assert.equal(pgSpanName(text, db), name));
});

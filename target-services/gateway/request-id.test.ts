import { strict as assert } from 'node:assert';
import { chooseRequestId } from './request-id.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('chooseRequestId', () => {
  for (const sane of ['abc-123', 'req_1.2:3@host/x+y=', 'A'.repeat(128)])
    it(`keeps the sane id ${sane.slice(0, 20)}`, () => assert.equal(chooseRequestId(sane), sane));
  for (const [why, bad] of [
    ['missing', undefined],
    ['empty', ''],
    ['too long', 'A'.repeat(129)],
    ['with spaces', 'a b'],
    ['with a newline', 'a\nb'],
    ['with quotes', '"x"'],
    ['repeated', ['a', 'b']],
  ] as const)
    it(`replaces a ${why} id with a new UUID`, () =>
      assert.match(chooseRequestId(bad as string | string[] | undefined), UUID));
});

import assert from 'node:assert/strict';
import { mdCode, richMarkdown } from './rich-markdown.js';
import { idList, plainText, type RichText } from './rich-text.js';

describe('rich text as Markdown and plain text', function () {
  const cases: [string, RichText, string, string][] = [
    [
      'escapes emphasis and HTML in text',
      [{ text: 'a_b *c* <d>' }],
      'a\\_b \\*c\\* &lt;d&gt;',
      'a_b *c* <d>',
    ],
    [
      'puts code and ids in code spans',
      [{ code: 'rate<0.01' }, { text: ' ' }, { id: 'o-1', of: 'order' }],
      '`rate<0.01` `o-1`',
      'rate<0.01 o-1',
    ],
    ['makes numbers bold', [{ strong: '40 orders' }], '**40 orders**', '40 orders'],
  ];
  for (const [name, line, md, plain] of cases)
    it(name, function () {
      assert.equal(richMarkdown(line), md);
      assert.equal(plainText(line), plain);
    });

  it('fences code that holds backticks', function () {
    assert.equal(mdCode('a`b'), '`` a`b ``');
  });

  it('lists up to 10 ids, then how many more', function () {
    const ids = Array.from({ length: 12 }, (_, i) => `id${i}`);
    assert.equal(
      plainText(idList(ids, 'other')),
      'id0, id1, id2, id3, id4, id5, id6, id7, id8, id9 and 2 more',
    );
    assert.equal(plainText(idList([], 'order')), 'none');
    assert.equal(plainText(idList(['a', 'b'], 'order', 1)), 'a and 1 more');
  });
});

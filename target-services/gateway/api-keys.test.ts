import { strict as assert } from 'node:assert';
import { duplicateLabels, hashKey, matchKey, parseKeyEntries } from './api-keys.js';

describe('API keys', () => {
  const { keys, problems } = parseKeyEntries(
    ['ci:key-for-ci-0001', ' plain-key-0002 ', '', '# a comment', 'no!label:key-0003', 'short'],
    'GATEWAY_API_KEYS',
  );

  it('hashes every valid entry and labels it by name or by digest prefix', () => {
    assert.deepEqual(
      keys.map((k) => k.label),
      [
        'ci',
        `sha256:${hashKey('plain-key-0002').toString('hex', 0, 4)}`,
        `sha256:${hashKey('no!label:key-0003').toString('hex', 0, 4)}`,
      ],
    );
    assert.ok(keys.every((k) => k.digest.length === 32));
  });

  it('keeps no key text, only digests', () => {
    assert.ok(!JSON.stringify(keys).includes('key-for-ci-0001'));
  });

  it('reports a too-short key with where it came from', () => {
    assert.deepEqual(problems, [
      {
        source: 'GATEWAY_API_KEYS entry 6',
        message: 'a key needs at least 8 printable characters and no spaces',
      },
    ]);
  });

  const cases: [string, string | undefined][] = [
    ['key-for-ci-0001', 'ci'],
    ['plain-key-0002', keys[1]!.label],
    ['key-for-ci-0002', undefined],
    ['', undefined],
    ['ci:key-for-ci-0001', undefined],
  ];
  for (const [presented, label] of cases)
    it(`matches ${JSON.stringify(presented)} to ${label ?? 'no key'}`, () => {
      assert.equal(matchKey(keys, presented), label);
    });

  it('finds a label that names two different keys', () => {
    const two = parseKeyEntries(
      ['a:first-key-1', 'a:second-key-2', 'b:third-key-3', 'b:third-key-3'],
      'x',
    ).keys;
    assert.deepEqual(duplicateLabels(two), ['a']);
  });
});

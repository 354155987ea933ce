import assert from 'node:assert/strict';
import { runReferences, shellWords } from './run-references.js';

const names = (text: string, paths = true): string[] =>
  runReferences(text, 'x', paths).map((r) => `${r.kind}:${r.name}`);

describe('references named by a shell command line', () => {
  it('splits words on quotes, operators, comments and continued lines', () => {
    assert.deepEqual(shellWords('a "b c" \'d\' && e || f | g; h # comment\ni \\\n  j'), [
      'a',
      'b c',
      'd',
      '&&',
      'e',
      '||',
      'f',
      '|',
      'g',
      ';',
      'h',
      ';',
      'i',
      'j',
    ]);
  });

  it('keeps a workflow expression inside its word', () => {
    assert.deepEqual(shellWords('--out runs/shard-${{ matrix.shard }} x'), [
      '--out',
      'runs/shard-${{ matrix.shard }}',
      'x',
    ]);
  });

  it('finds scripts run by bash and node, npm scripts, and the faultline subcommand', () => {
    assert.deepEqual(
      names(
        'bash scripts/nightly.sh --shard 1/2 && npm run -s build:k6 && node bin/faultline.js suite merge a',
      ),
      [
        'script:scripts/nightly.sh',
        'npm-script:build:k6',
        'script:bin/faultline.js',
        'faultline:suite merge',
      ],
    );
    assert.deepEqual(names('npm test; npm ci --no-audit; FOO=1 bash .ci/run'), [
      'npm-script:test',
      'script:.ci/run',
    ]);
  });

  it('names repository paths but not options, URLs, variables or absolute paths', () => {
    assert.deepEqual(
      names('tool --out runs/x shards/shard-* https://a.b/c "$out/summary.md" /usr/bin/x experiments/'),
      ['path:runs/x', 'path:shards/shard-*', 'path:experiments/'],
    );
  });

  it('leaves path-like words of whole scripts alone when asked', () => {
    assert.deepEqual(names('echo see docs/x.md; bash scripts/setup.sh', false), ['script:scripts/setup.sh']);
  });

  it('sees commands inside backticks and parentheses', () => {
    assert.deepEqual(names('x=$(node bin/faultline.js exit-codes)', false), [
      'script:bin/faultline.js',
      'faultline:exit-codes',
    ]);
  });
});

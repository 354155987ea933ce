import assert from 'node:assert/strict';
import { bundleK6Scripts } from './bundle-k6.js';
import { verifyK6Bundle } from './verify-k6-bundle.js';

describe('k6 bundle', () => {
  it('bundles every k6 script to plain ES2017 that exports options, default and handleSummary', async () => {
    const bundles = await bundleK6Scripts(process.cwd());
    assert.ok(bundles.length > 0);
    for (const b of bundles) {
      assert.deepEqual(verifyK6Bundle(b.text), [], b.path);
      assert.ok(!b.text.includes('?.') && !b.text.includes('??'), `${b.path} still has ?. or ??`);
      assert.match(b.text, /from "k6\/http"/);
    }
  });

  it('rejects syntax newer than ES2017', () => {
    const problems = verifyK6Bundle(
      'export const options = a?.b; export default function () {} export function handleSummary() {}',
    );
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /not valid ES2017/);
  });

  it('reports missing exports and non-k6 imports', () => {
    const problems = verifyK6Bundle('import fs from "node:fs"; export const options = {};');
    assert.deepEqual(problems, [
      'imports a non-k6 module: node:fs',
      'missing export: default',
      'missing export: handleSummary',
    ]);
  });
});

/**
 * `npm run build:k6`: bundles the k6 scripts to dist/k6/*.js and verifies each is plain ES2017
 * with the exports k6 needs. Exit code 1 on any problem.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bundleK6Scripts } from './bundle-k6.js';
import { verifyK6Bundle } from './verify-k6-bundle.js';

const root = process.cwd();
let failed = false;
for (const bundle of await bundleK6Scripts(root)) {
  const problems = verifyK6Bundle(bundle.text);
  if (problems.length > 0) {
    failed = true;
    process.stderr.write(`build:k6: ${bundle.path}:\n  ${problems.join('\n  ')}\n`);
    continue;
  }
  const target = join(root, bundle.path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, bundle.text);
  process.stdout.write(`build:k6: ${bundle.path} (${bundle.text.length} bytes, ES2017)\n`);
}
process.exitCode = failed ? 1 : 0;

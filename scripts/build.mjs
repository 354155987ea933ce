#!/usr/bin/env node
// Transpiles every TypeScript source under the project's code trees into dist/ (one ESM file per
// source, same layout) and copies the non-TypeScript assets next to them. Type checking is a
// separate step (`npm run typecheck`); esbuild only strips types, so the build takes about a second.
//
// Usage: node scripts/build.mjs [tree...]   (default: every tree; e.g. `node scripts/build.mjs chaos/proxy`)
import { build } from 'esbuild';
import fg from 'fast-glob';
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const TREES = [
  'target-services',
  'chaos',
  'load',
  'dashboards',
  'prometheus',
  'otel-collector',
  'scripts',
  'deploy',
];
const ASSETS = ['json', 'sql', 'proto', 'html', 'css', 'yaml', 'yml', 'txt'];
const trees = process.argv.length > 2 ? process.argv.slice(2) : TREES;
const ignore = ['**/node_modules/**', 'load/k6/**', '**/*.d.ts'];

const entryPoints = await fg(
  trees.map((t) => `${t}/**/*.ts`),
  { ignore },
);
await build({
  entryPoints,
  outdir: 'dist',
  outbase: '.',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
});
const assets = await fg(
  trees.map((t) => `${t}/**/*.{${ASSETS.join(',')}}`),
  { ignore: ['**/node_modules/**'] },
);
for (const file of assets) {
  const target = join('dist', file);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(file, target);
}
console.log(`build: ${entryPoints.length} modules, ${assets.length} assets -> dist/`);

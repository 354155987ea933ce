/**
 * `npm run k8s:generate`: writes deploy/kubernetes/ (kustomize base, controller Job, load TestRun, overlays) from the
 * repository's sources, after validating every object (validate.ts). With `--check`, writes nothing and fails (exit 1)
 * listing the files that are stale, missing or extra.
 *
 * Usage: node dist/deploy/kubernetes/generate.js [--image R/faultline-fleet:T] [--controller-image I] [--check]
 *        (run from the repository root; needs nothing built but this tree: it bundles the k6 script itself)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fg from 'fast-glob';
import { DEFAULT_NAMESPACE } from '../../chaos/kubernetes/contract.js';
import { bundleK6Scripts } from '../../load/k6-build/bundle-k6.js';
import { layout, type Layout } from './generator/layout.js';
import { parseArgs } from './generator/options.js';
import { renderLayout } from './generator/render.js';
import { readSources } from './generator/sources.js';
import { validateObject } from './validate.js';

/** Where the manifests live, relative to the repository root. */
export const DEPLOY_DIR = 'deploy/kubernetes';
/** Generated folders (every .yaml under them is generated; schemas/ is vendored, not generated). */
const GENERATED = ['base', 'controller', 'load', 'overlays'];

/** Problems of every object in the layout (patches are partial and checked by kustomize, not here). */
export function layoutProblems(l: Layout): string[] {
  return [...l.objects].flatMap(([file, docs]) =>
    docs.flatMap((d) => validateObject(d).map((p) => `${file}: ${p}`)),
  );
}

/** Files under `dir` that differ from `fresh`, are missing, or are generated-looking extras. */
export function staleFiles(root: string, fresh: ReadonlyMap<string, string>): string[] {
  const dir = join(root, DEPLOY_DIR);
  const committed = fg.sync(
    GENERATED.map((g) => `${g}/**/*.yaml`),
    { cwd: dir },
  );
  const stale = [...fresh].filter(([f, text]) => {
    try {
      return readFileSync(join(dir, f), 'utf8') !== text;
    } catch {
      return true;
    }
  });
  return [...stale.map(([f]) => f), ...committed.filter((f) => !fresh.has(f))].sort();
}

/** Renders every file for the options. */
export async function renderAll(root: string, argv: readonly string[]) {
  const opts = parseArgs(argv, DEFAULT_NAMESPACE);
  const k6 = (await bundleK6Scripts(root)).find((b) => b.path.endsWith('faultline.js'));
  if (!k6) throw new Error('build:k6 produced no faultline.js');
  const l = layout(readSources(root, k6.text), opts);
  return { opts, layout: l, files: await renderLayout(l, join(root, DEPLOY_DIR)) };
}

async function main(): Promise<void> {
  const root = process.cwd();
  const { opts, layout: l, files } = await renderAll(root, process.argv.slice(2));
  const problems = layoutProblems(l);
  if (problems.length > 0) {
    process.stderr.write(`k8s:generate: ${problems.length} invalid object(s):\n  ${problems.join('\n  ')}\n`);
    process.exitCode = 1;
    return;
  }
  if (opts.check) {
    const stale = staleFiles(root, files);
    if (stale.length > 0) {
      process.stderr.write(`${DEPLOY_DIR} is stale (${stale.join(', ')}): run npm run k8s:generate\n`);
      process.exitCode = 1;
    } else process.stdout.write(`${DEPLOY_DIR} is up to date (${files.size} files)\n`);
    return;
  }
  for (const [f, text] of files) {
    const target = join(root, DEPLOY_DIR, f);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  process.stdout.write(`wrote ${files.size} files to ${DEPLOY_DIR} (image ${opts.image})\n`);
}

if (process.argv[1]?.endsWith('generate.js')) {
  await main().catch((err: unknown) => {
    // A bad option or an unroutable link: one line, no stack.
    process.stderr.write(`k8s:generate: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}

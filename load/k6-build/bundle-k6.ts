import { build } from 'esbuild';
import { basename, join } from 'node:path';

/** The k6 scripts to bundle, relative to the project root. One file per script. */
export const K6_ENTRIES = ['load/k6/faultline.ts'] as const;

/** A bundled k6 script. */
export interface K6Bundle {
  /** Output path, e.g. `dist/k6/faultline.js`. */
  path: string;
  text: string;
}

/**
 * Bundles each k6 script with the shared journeys and profiles into one plain ES2017 module
 * (esbuild lowers `?.`, `??`, object spread and the like), leaving `k6` and `k6/*` imports to k6.
 * Writes nothing; the caller decides. Build tooling (devDependency esbuild).
 */
export async function bundleK6Scripts(rootDir: string, outDir = 'dist/k6'): Promise<K6Bundle[]> {
  const bundles: K6Bundle[] = [];
  for (const entry of K6_ENTRIES) {
    const result = await build({
      absWorkingDir: rootDir,
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      target: 'es2017',
      external: ['k6', 'k6/*'],
      legalComments: 'none',
      logLevel: 'silent',
      outfile: join(outDir, basename(entry).replace(/\.ts$/, '.js')),
    });
    for (const file of result.outputFiles)
      bundles.push({ path: join(outDir, basename(file.path)), text: file.text });
  }
  return bundles;
}

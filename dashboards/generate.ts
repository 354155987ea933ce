/**
 * Writes dashboards/generated/<uid>.json for every dashboard in dashboards.ts, or with `--check`
 * fails when a committed file differs from a fresh generation (or one is missing or extra).
 *
 * Usage: node dist/dashboards/generate.js [--check]   (run from the repository root)
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { DASHBOARDS } from './dashboards.js';
import { renderDashboard } from './render.js';

export const GENERATED_DIR = 'dashboards/generated';

/** File name → formatted JSON text of every dashboard. Deterministic. */
export async function renderAll(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const spec of DASHBOARDS) {
    const file = join(GENERATED_DIR, `${spec.uid}.json`);
    const options = (await resolveConfig(file)) ?? {};
    out.set(
      `${spec.uid}.json`,
      await format(JSON.stringify(renderDashboard(spec)), { ...options, parser: 'json' }),
    );
  }
  return out;
}

/** Names of generated files that are stale, missing or extra. */
export async function staleFiles(): Promise<string[]> {
  const fresh = await renderAll();
  const committed = readdirSync(GENERATED_DIR).filter((f) => f.endsWith('.json'));
  const stale = [...fresh].filter(([f, text]) => {
    try {
      return readFileSync(join(GENERATED_DIR, f), 'utf8') !== text;
    } catch {
      return true;
    }
  });
  return [...stale.map(([f]) => f), ...committed.filter((f) => !fresh.has(f))];
}

async function main(): Promise<void> {
  if (process.argv.includes('--check')) {
    const stale = await staleFiles();
    if (stale.length > 0) {
      process.stderr.write(
        `${GENERATED_DIR} is stale (${stale.join(', ')}): run npm run dashboards:generate\n`,
      );
      process.exitCode = 1;
    } else process.stdout.write(`${GENERATED_DIR} is up to date\n`);
    return;
  }
  for (const [f, text] of await renderAll()) writeFileSync(join(GENERATED_DIR, f), text);
  process.stdout.write(`wrote ${DASHBOARDS.length} dashboards to ${GENERATED_DIR}\n`);
}

if (process.argv[1]?.endsWith('generate.js')) await main();

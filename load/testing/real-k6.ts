import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The real k6 binary tests run, from `K6_BIN` (`.ci/run` sets it to ../shared/tools/k6/k6). */
export const REAL_K6 = process.env['K6_BIN'];

/** The k6 bundle (`npm run build:k6`), relative to the repository root the tests run from. */
export const K6_BUNDLE = join(process.cwd(), 'dist', 'k6', 'faultline.js');

/**
 * Skips the calling suite, saying why, when real k6 is not available; never passes silently.
 * Call from `before(function () { requireRealK6(this); })`.
 */
export function requireRealK6(ctx: Mocha.Context): string {
  if (REAL_K6 === undefined || !existsSync(REAL_K6)) {
    process.stdout.write(
      `      skipped: real k6 is needed (set K6_BIN; ${REAL_K6 ?? 'unset'} is not a file)\n`,
    );
    ctx.skip();
  }
  if (!existsSync(K6_BUNDLE)) throw new Error(`${K6_BUNDLE} is missing: run \`npm run build:k6\` first`);
  return REAL_K6;
}

/** PIDs of this process's children whose command is `k6` (to kill k6 mid-run in a test). */
export function k6Children(parentPid: number): number[] {
  const out: number[] = [];
  for (const task of readdirSync(`/proc/${parentPid}/task`)) {
    const text = readFileSync(`/proc/${parentPid}/task/${task}/children`, 'utf8').trim();
    for (const pid of text === '' ? [] : text.split(/\s+/).map(Number)) {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'k6') out.push(pid);
    }
  }
  return out;
}

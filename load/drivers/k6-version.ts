import { spawnSync } from 'node:child_process';
import { FaultlineError } from '../../chaos/errors.js';

/** The k6 versions Faultline supports: v0.48.0 up to, not including, v2. */
export const K6_SUPPORTED = {
  min: [0, 48, 0],
  below: [2, 0, 0],
  text: 'v0.48.0 or later, below v2',
} as const;

/** `[major, minor, patch]` from `k6 version` output (`k6 v0.48.0 (go1.19.8, linux/amd64)`), or undefined. Pure. */
export function parseK6Version(output: string): [number, number, number] | undefined {
  const m = /\bk6 v(\d+)\.(\d+)\.(\d+)/.exec(output);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** Whether a version is in {@link K6_SUPPORTED}. Pure. */
export function isSupportedK6(v: readonly [number, number, number]): boolean {
  const cmp = (a: readonly number[], b: readonly number[]): number =>
    (a[0]! - b[0]!) * 1e6 + (a[1]! - b[1]!) * 1e3 + (a[2]! - b[2]!);
  return cmp(v, K6_SUPPORTED.min) >= 0 && cmp(v, K6_SUPPORTED.below) < 0;
}

/**
 * Pre-flight: runs `<k6Bin> version` (at most `timeoutMs`) and checks the version is supported.
 * Returns the version text. Edge: spawns a process.
 * @throws FaultlineError `ERR_LOAD_K6_MISSING` (cannot run) or `ERR_LOAD_K6_VERSION` (unsupported)
 */
export function checkK6Binary(k6Bin: string, timeoutMs = 30_000): string {
  const result = spawnSync(k6Bin, ['version'], { encoding: 'utf8', timeout: timeoutMs });
  const hint = `set K6_BIN to a k6 binary (${K6_SUPPORTED.text}; see docs/load.md, "Installing k6")`;
  if (result.error !== undefined || result.status !== 0) {
    const why =
      result.error !== undefined
        ? result.error.message
        : `\`${k6Bin} version\` exited with ${result.status ?? result.signal}: ${result.stderr.trim()}`;
    throw new FaultlineError('ERR_LOAD_K6_MISSING', `cannot run k6 at ${k6Bin} (${why}); ${hint}`);
  }
  const version = parseK6Version(result.stdout);
  if (version === undefined)
    throw new FaultlineError(
      'ERR_LOAD_K6_VERSION',
      `${k6Bin} does not look like k6: \`version\` printed "${result.stdout.trim()}"; ${hint}`,
    );
  if (!isSupportedK6(version))
    throw new FaultlineError(
      'ERR_LOAD_K6_VERSION',
      `k6 v${version.join('.')} at ${k6Bin} is not supported; Faultline supports k6 ${K6_SUPPORTED.text}`,
    );
  return `v${version.join('.')}`;
}

import type { LoadProfile } from '../profiles/profile.js';

/** What the k6 driver needs to start one `k6 run`. */
export interface K6RunSpec {
  k6Bin: string;
  /** The bundled script, e.g. `dist/k6/faultline.js`. */
  scriptPath: string;
  profile: LoadProfile;
  baseUrl: string;
  apiKey: string;
  runId: string;
  summaryPath: string;
  /** Where k6 streams its samples (`--out json=`), read live by the driver. */
  samplesPath?: string;
}

/**
 * The exact `k6 run` invocation for a spec. The profile travels as JSON in `FAULTLINE_PROFILE`
 * (read by the script through `__ENV`); `--no-color` keeps logs clean; `--out json` streams every
 * sample (JSON: every tag and a ns timestamp per sample, the same format in k6 v0.48 and v1.x). Pure.
 */
export function k6Command(spec: K6RunSpec): { command: string; args: string[] } {
  const vars: Record<string, string> = {
    FAULTLINE_PROFILE: JSON.stringify(spec.profile),
    BASE_URL: spec.baseUrl,
    API_KEY: spec.apiKey,
    RUN_ID: spec.runId,
    SUMMARY_PATH: spec.summaryPath,
  };
  const args = ['run', '--no-color', '--quiet'];
  if (spec.samplesPath !== undefined) args.push('--out', `json=${spec.samplesPath}`);
  for (const [key, value] of Object.entries(vars)) args.push('-e', `${key}=${value}`);
  args.push(spec.scriptPath);
  return { command: spec.k6Bin, args };
}

/**
 * Where k6 is: `K6_BIN` if set, else the first executable `k6` on `PATH`, else undefined. Pure:
 * `isExecutable` is injected.
 */
export function findK6(
  env: Readonly<Record<string, string | undefined>>,
  isExecutable: (path: string) => boolean,
): string | undefined {
  const explicit = env['K6_BIN'];
  if (explicit) return explicit;
  for (const dir of (env['PATH'] ?? '').split(':')) {
    if (dir === '') continue;
    const candidate = `${dir.replace(/\/$/, '')}/k6`;
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

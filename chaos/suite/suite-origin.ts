import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { promisify } from 'node:util';
import type { SuiteOrigin } from './suite-json.js';

const run = promisify(execFile);

async function git(cwd: string, args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', args, { cwd, timeout: 5000 });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where the suite runs: the commit (`GITHUB_SHA`, else `git rev-parse HEAD`), the branch
 * (`GITHUB_HEAD_REF` for pull requests, else `GITHUB_REF_NAME`, else the checked-out branch), the
 * machine, Node's version and Faultline's (package.json). `unknown` when none can be read.
 */
export async function suiteOrigin(
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
  repoDir: string,
): Promise<SuiteOrigin> {
  const commit = env['GITHUB_SHA'] || (await git(cwd, ['rev-parse', 'HEAD'])) || 'unknown';
  const branch =
    env['GITHUB_HEAD_REF'] ||
    env['GITHUB_REF_NAME'] ||
    (await git(cwd, ['rev-parse', '--abbrev-ref', 'HEAD'])) ||
    'unknown';
  const pkg = await readFile(`${repoDir}/package.json`, 'utf8')
    .then((t) => (JSON.parse(t) as { version?: string }).version)
    .catch(() => undefined);
  return {
    commit,
    branch,
    machine: env['FAULTLINE_MACHINE'] || hostname(),
    nodeVersion: process.version,
    faultlineVersion: pkg ?? 'unknown',
  };
}

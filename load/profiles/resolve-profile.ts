import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { FaultlineError } from '../../chaos/errors.js';
import { BUILTIN_PROFILES } from './builtin-profiles.js';
import type { LoadProfile } from './profile.js';
import { validateProfile } from './profile-schema.js';

/**
 * A profile by built-in name (`smoke`, `standard`) or from a JSON/YAML file, validated. Throws
 * `ERR_INPUT_LOAD_PROFILE` with every problem listed, or `ERR_INPUT_LOAD_PROFILE_FILE` when
 * the file cannot be read or parsed. Edge (reads the file system).
 */
export async function resolveProfile(nameOrPath: string, cwd: string): Promise<LoadProfile> {
  const builtin = BUILTIN_PROFILES[nameOrPath];
  if (builtin) return builtin;
  const path = resolve(cwd, nameOrPath);
  let raw: unknown;
  try {
    raw = parse(await readFile(path, 'utf8')) as unknown;
  } catch (cause) {
    const known = Object.keys(BUILTIN_PROFILES).join(', ');
    throw new FaultlineError(
      'ERR_INPUT_LOAD_PROFILE_FILE',
      `profile ${nameOrPath} is neither a built-in profile (${known}) nor a readable JSON/YAML file`,
      { cause },
    );
  }
  const result = validateProfile(raw);
  if (!result.ok) {
    throw new FaultlineError(
      'ERR_INPUT_LOAD_PROFILE',
      `invalid profile ${path}:\n  ${result.problems.join('\n  ')}`,
    );
  }
  return result.profile;
}

import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { KubernetesOverride } from './kubernetes-override.js';
import { FaultlineError } from '../errors.js';
import { validateExperiment, type ValidationResult } from './validate-experiment.js';

/** Reads a file, mapping "not there" to an input error instead of a stack trace. */
async function readInput(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot be read';
    throw new FaultlineError('ERR_INPUT_FILE', `${what} ${path}: ${why}`, { cause: err });
  }
}

/**
 * Link names from the link map in Toxiproxy's /populate format (an array of `{ name, ... }`),
 * read as data. `FAULTLINE_LINKS` overrides the default `<cwd>/target-services/links.json`;
 * undefined when no link map exists (then only the `<client>-<dependency>` form is checked).
 */
export async function readKnownLinks(cwd: string, env: Readonly<Record<string, string | undefined>>) {
  const path = env['FAULTLINE_LINKS'] ?? join(cwd, 'target-services', 'links.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && env['FAULTLINE_LINKS'] === undefined)
      return undefined;
    throw new FaultlineError('ERR_INPUT_LINK_MAP', `link map ${path} cannot be read`, { cause: err });
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) throw new Error('expected a JSON array of proxies');
    return parsed.map((p: unknown) => String((p as { name?: unknown }).name));
  } catch (err) {
    throw new FaultlineError(
      'ERR_INPUT_LINK_MAP',
      `link map ${path} is not in Toxiproxy's /populate format`,
      {
        cause: err,
      },
    );
  }
}

/**
 * Validates one experiment file; problems name the file relative to `cwd`. With `knownMetrics`
 * (from readKnownMetrics), a query naming a metric outside the fleet's contract is a warning.
 */
export async function loadExperimentFile(
  path: string,
  cwd: string,
  knownLinks?: readonly string[],
  knownMetrics?: readonly string[],
  kubernetes?: KubernetesOverride,
) {
  const absolute = resolve(cwd, path);
  const text = await readInput(absolute, 'experiment file');
  const rel = relative(cwd, absolute);
  const shown = rel === '' || rel.startsWith('..') ? path : rel;
  const result: ValidationResult = validateExperiment(text, shown, {
    ...(knownLinks && { knownLinks }),
    ...(knownMetrics && { knownMetrics }),
    ...(kubernetes && { kubernetes }),
  });
  return { file: shown, result };
}

/** Expands directories into their `*.yaml`/`*.yml` files (sorted); files pass through. */
export async function expandExperimentPaths(paths: readonly string[], cwd: string): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const info = await stat(absolute).catch((err: unknown) => {
      throw new FaultlineError('ERR_INPUT_FILE', `experiment path ${path}: no such file or directory`, {
        cause: err,
      });
    });
    if (!info.isDirectory()) {
      files.push(path);
      continue;
    }
    const names = (await readdir(absolute)).filter((n) => /\.ya?ml$/.test(n)).sort();
    if (names.length === 0)
      throw new FaultlineError('ERR_INPUT_FILE', `no *.yaml experiment files in ${path}`);
    files.push(...names.map((n) => join(path, n)));
  }
  return files;
}

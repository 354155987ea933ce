import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FaultlineError } from '../errors.js';
import { SUITE_SCHEMA_VERSION, type SuiteJson } from './suite-json.js';

/**
 * Reads the suite output in `dir`: its own `suite.json`, or the one `suite-*` folder inside it
 * (a downloaded CI artifact).
 * @throws FaultlineError `ERR_INPUT_SUITE_JSON` when there is none, several, or it is unreadable,
 *   of another schema version, or not a suite output
 */
export async function readSuiteOutput(dir: string): Promise<{ suite: SuiteJson; dir: string }> {
  const found = await locate(dir);
  const file = join(found, 'suite.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new FaultlineError('ERR_INPUT_SUITE_JSON', `${file} is not readable JSON`, { cause: err });
  }
  const s = parsed as Partial<SuiteJson>;
  if (typeof s !== 'object' || s === null || s.schemaVersion === undefined)
    throw new FaultlineError(
      'ERR_INPUT_SUITE_JSON',
      `${file} is not a faultline suite.json (no schemaVersion)`,
    );
  const version: unknown = (parsed as Record<string, unknown>)['schemaVersion'];
  if (version !== SUITE_SCHEMA_VERSION)
    throw new FaultlineError(
      'ERR_INPUT_SUITE_JSON',
      `${file} has schemaVersion ${JSON.stringify(version)}; this Faultline reads ${SUITE_SCHEMA_VERSION}`,
    );
  if (!Array.isArray(s.runs) || !Array.isArray(s.rows) || typeof s.selection !== 'object')
    throw new FaultlineError('ERR_INPUT_SUITE_JSON', `${file} lacks runs, rows or selection`);
  return { suite: s as SuiteJson, dir: found };
}

async function locate(dir: string): Promise<string> {
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined || !info.isDirectory())
    throw new FaultlineError('ERR_INPUT_SUITE_JSON', `${dir}: no such folder`);
  if (await stat(join(dir, 'suite.json')).catch(() => undefined)) return dir;
  const inner = [];
  for (const name of (await readdir(dir)).filter((n) => n.startsWith('suite-')).sort())
    if (await stat(join(dir, name, 'suite.json')).catch(() => undefined)) inner.push(join(dir, name));
  if (inner.length === 1) return inner[0]!;
  throw new FaultlineError(
    'ERR_INPUT_SUITE_JSON',
    inner.length === 0
      ? `${dir} holds no suite.json`
      : `${dir} holds several suite outputs (${inner.join(', ')}); name each`,
  );
}

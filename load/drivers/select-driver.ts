import { accessSync, constants } from 'node:fs';
import { FaultlineError } from '../../chaos/errors.js';
import { builtinDriver } from './builtin-driver.js';
import { findK6 } from './k6-command.js';
import { k6Driver } from './k6-driver.js';
import { checkK6Binary } from './k6-version.js';
import type { EnginePreference, LoadDriver } from './load-driver.js';

/**
 * Picks the load driver: `k6` when asked for (error if missing) or, for `auto`, when k6 is on
 * `PATH` or named by `K6_BIN`; otherwise the built-in engine. `k6ScriptPath` is the bundle
 * (`dist/k6/faultline.js`). A k6 that is found is run once (`k6 version`, `checkBinary`) before it is
 * chosen: a broken `K6_BIN` or an unsupported version is an error, never a silent fallback.
 * @throws FaultlineError `ERR_INPUT_LOAD_K6_NOT_FOUND`, `ERR_LOAD_K6_MISSING`, `ERR_LOAD_K6_VERSION`
 */
export function selectDriver(
  preference: EnginePreference,
  env: Readonly<Record<string, string | undefined>>,
  k6ScriptPath: string,
  isExecutable: (path: string) => boolean = executable,
  checkBinary: (k6Bin: string) => string = checkK6Binary,
): LoadDriver {
  if (preference === 'builtin') return builtinDriver;
  const k6Bin = findK6(env, isExecutable);
  if (k6Bin !== undefined) {
    // Pre-flight: a k6 that cannot run, or an unsupported version, fails here, before any load.
    checkBinary(k6Bin);
    return k6Driver(k6Bin, k6ScriptPath);
  }
  if (preference === 'k6') {
    throw new FaultlineError(
      'ERR_INPUT_LOAD_K6_NOT_FOUND',
      'engine k6 requested but no k6 on PATH and K6_BIN is not set',
    );
  }
  return builtinDriver;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

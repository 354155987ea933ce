import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FaultlineError } from '../errors.js';
import type { ResolvedPlan } from '../experiment/plan.js';
import { selectRunLoad } from './load-engine.js';

const plan = (engine: 'builtin' | 'k6') => ({ load: { engine } }) as unknown as ResolvedPlan;

describe('selectRunLoad', () => {
  let repo: string;
  beforeEach(() => (repo = mkdtempSync(join(tmpdir(), 'faultline-repo-'))));
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it('uses the built-in engine unless the experiment names k6', () => {
    assert.equal(selectRunLoad(plan('builtin'), repo, {}).engine, 'builtin');
  });

  it('refuses k6 with an environment error when no k6 binary is found', () => {
    assert.throws(
      () => {
        mkdirSync(join(repo, 'dist', 'k6'), { recursive: true });
        writeFileSync(join(repo, 'dist', 'k6', 'faultline.js'), '// bundle\n');
        selectRunLoad(plan('k6'), repo, { PATH: repo });
      },
      (err: unknown) =>
        err instanceof FaultlineError && err.code === 'ERR_RUN_K6_MISSING' && /K6_BIN/.test(err.message),
    );
  });

  it('refuses k6 whose pre-flight check fails, before anything starts', () => {
    mkdirSync(join(repo, 'dist', 'k6'), { recursive: true });
    writeFileSync(join(repo, 'dist', 'k6', 'faultline.js'), '// bundle\n');
    const broken = (): string => {
      throw new FaultlineError('ERR_LOAD_K6_MISSING', 'cannot run k6');
    };
    assert.throws(() => selectRunLoad(plan('k6'), repo, { K6_BIN: '/x/k6' }, broken), {
      code: 'ERR_LOAD_K6_MISSING',
    });
  });

  it('refuses k6 when the bundle was not built, naming the command that builds it', () => {
    assert.throws(
      () => selectRunLoad(plan('k6'), repo, { K6_BIN: '/bin/true' }),
      (err: unknown) =>
        err instanceof FaultlineError && err.code === 'ERR_RUN_K6_MISSING' && /build:k6/.test(err.message),
    );
  });

  it('picks k6 when the binary and the bundle are there', () => {
    mkdirSync(join(repo, 'dist', 'k6'), { recursive: true });
    writeFileSync(join(repo, 'dist', 'k6', 'faultline.js'), '// bundle\n');
    assert.equal(selectRunLoad(plan('k6'), repo, { K6_BIN: '/x/k6' }, () => 'v0.48.0').engine, 'k6');
  });
});

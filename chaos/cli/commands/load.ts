import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { FaultlineError } from '../../errors.js';
import { ENGINES, type EnginePreference } from '../../../load/drivers/load-driver.js';
import { selectDriver } from '../../../load/drivers/select-driver.js';
import { phasesWithDrops, summaryHeadline } from '../../../load/drivers/summary-headline.js';
import { resolveProfile } from '../../../load/profiles/resolve-profile.js';
import type { CliContext } from '../context.js';
import { exitCode } from '../../exit-codes.js';

interface LoadOptions {
  profile: string;
  target: string;
  engine: string;
  apiKey: string;
  runId?: string;
  out: string;
  k6Script: string;
}

/**
 * `faultline load`: runs a load profile against a loopback gateway with k6 (when installed) or
 * the built-in engine, writes the k6-shaped summary JSON and prints a per-phase headline. Exit
 * `fail` when any phase dropped iterations or k6 thresholds failed; `interrupted` on SIGINT (the
 * summary of what ran is still written); `environment` when k6 cannot run or fails (its stderr is
 * shown, prefixed `k6: `).
 */
export function registerLoad(program: Command, ctx: CliContext, setExit: (code: number) => void): void {
  program
    .command('load')
    .description('run a load profile (open model) against the gateway and write a k6-style summary')
    .option(
      '--profile <name|file>',
      'built-in profile (smoke, standard) or a JSON/YAML profile file',
      'smoke',
    )
    .option('--target <url>', 'gateway base URL (loopback only)', 'http://127.0.0.1:8080')
    .option('--engine <engine>', `load engine: ${ENGINES.join(', ')}`, 'auto')
    .option('--api-key <key>', 'X-Api-Key sent with every request', 'faultline-dev-key')
    .option('--run-id <id>', 'run id for baggage (default: random)')
    .option('--out <file>', 'summary JSON path', 'load-summary.json')
    .option('--k6-script <file>', 'bundled k6 script (npm run build:k6)', 'dist/k6/faultline.js')
    .action(async (opts: LoadOptions) => {
      if (!ENGINES.includes(opts.engine as EnginePreference)) {
        throw new FaultlineError(
          'ERR_INPUT_LOAD_ENGINE',
          `--engine must be one of ${ENGINES.join(', ')}, got "${opts.engine}"`,
        );
      }
      const profile = await resolveProfile(opts.profile, ctx.cwd);
      const out = resolve(ctx.cwd, opts.out);
      const driver = selectDriver(opts.engine as EnginePreference, ctx.env, resolve(ctx.cwd, opts.k6Script));
      // k6's sample stream and its own summary go to a temp folder, never beside --out.
      const workDir = await mkdtemp(join(tmpdir(), 'faultline-load-'));
      const outcome = await driver
        .run({
          profile,
          baseUrl: opts.target,
          apiKey: opts.apiKey,
          runId: opts.runId ?? randomUUID(),
          workDir,
          signal: ctx.interrupted,
          progress: { stream: ctx.stderr, isTTY: ctx.isTTY },
          onOutput: (line, stream) => (stream === 'stdout' ? ctx.stdout : ctx.stderr).write(`${line}\n`),
        })
        .finally(() => rm(workDir, { recursive: true, force: true }));
      await writeFile(out, JSON.stringify(outcome.summary, null, 2));
      for (const line of summaryHeadline(outcome.view)) ctx.stdout.write(`${line}\n`);
      ctx.stdout.write(`summary: ${out}\n`);
      const drops = phasesWithDrops(outcome.view);
      if (drops.length > 0)
        ctx.stdout.write(`dropped iterations in: ${drops.join(', ')} (raise maxVUs or lower the rate)\n`);
      for (const f of outcome.k6ThresholdFailures)
        ctx.stdout.write(`k6 threshold crossed: ${f.metric} ${f.expression}\n`);
      if (outcome.interrupted || ctx.interrupted.aborted) return setExit(exitCode('interrupted'));
      setExit(exitCode(drops.length > 0 || outcome.thresholdsFailed ? 'fail' : 'pass'));
    });
}

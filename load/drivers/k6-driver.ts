import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { FaultlineError } from '../../chaos/errors.js';
import { assertLoopbackTarget } from '../engine/loopback-guard.js';
import { K6_EXIT_THRESHOLDS_FAILED, k6Command } from './k6-command.js';
import type { LoadDriver, LoadRunRequest } from './load-driver.js';
import { readSummary } from './summary-reader.js';

/**
 * Runs real k6 on the bundled script (`npm run build:k6` makes it) and reads the JSON its
 * `handleSummary` wrote. SIGINT goes to the k6 child when the request's signal aborts; k6 then
 * writes its summary as usual. Edge: spawns a process and reads a file.
 */
export function k6Driver(k6Bin: string, scriptPath: string): LoadDriver {
  return {
    engine: 'k6',
    async run(request) {
      assertLoopbackTarget(request.baseUrl);
      const summaryPath = join(request.workDir, `k6-summary-${request.runId}.json`);
      const { command, args } = k6Command({ ...request, k6Bin, scriptPath, summaryPath });
      const code = await runChild(command, args, request);
      if (code !== 0 && code !== K6_EXIT_THRESHOLDS_FAILED) {
        throw new FaultlineError('ERR_LOAD_K6_FAILED', `k6 exited with code ${code} (${command} ${args[0]})`);
      }
      let summary: unknown;
      try {
        summary = JSON.parse(await readFile(summaryPath, 'utf8')) as unknown;
      } catch (cause) {
        throw new FaultlineError(
          'ERR_LOAD_K6_SUMMARY_MISSING',
          `k6 wrote no readable summary at ${summaryPath}`,
          { cause },
        );
      }
      return {
        engine: 'k6',
        summary,
        view: readSummary(summary),
        thresholdsFailed: code === K6_EXIT_THRESHOLDS_FAILED,
      };
    },
  };
}

function runChild(command: string, args: string[], request: LoadRunRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Writable | undefined = request.progress?.isTTY ? request.progress.stream : undefined;
    if (out) child.stdout.pipe(out, { end: false });
    else child.stdout.resume();
    child.stderr.resume();
    const onAbort = () => child.kill('SIGINT');
    request.signal?.addEventListener('abort', onAbort, { once: true });
    child.once('error', (cause) =>
      reject(new FaultlineError('ERR_LOAD_K6_START', `could not start ${command}`, { cause })),
    );
    child.once('close', (code) => {
      request.signal?.removeEventListener('abort', onAbort);
      resolve(code ?? 1);
    });
  });
}

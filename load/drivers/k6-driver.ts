import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { FaultlineError } from '../../chaos/errors.js';
import { assertLoopbackTarget } from '../engine/loopback-guard.js';
import { snapshotFrom, startProgress } from '../engine/progress-line.js';
import { phaseTimeline } from '../profiles/phase-timeline.js';
import { k6Command } from './k6-command.js';
import { k6Ending } from './k6-exit-codes.js';
import { K6Samples } from './k6-samples.js';
import { tailFile } from './file-tail.js';
import type { K6ThresholdFailure, LoadDriver, LoadRunRequest } from './load-driver.js';
import { readSummary } from './summary-reader.js';

/** How long k6 may take to write its summary and exit after our SIGINT before it is killed. */
const STOP_GRACE_MS = 30_000;

/**
 * Runs real k6 on the bundled script (`npm run build:k6` makes it). k6 streams every sample to a
 * JSON file (`--out json`), read live into the built-in engine's bookkeeping (`K6Samples`), so the
 * summary, sub-metrics, dropped iterations per phase and per-second series are built the same way
 * for both engines; k6's own `handleSummary` JSON supplies its threshold verdicts. k6's output
 * lines are passed through prefixed `k6: `. Aborting the request's signal sends k6 one SIGINT
 * (it then writes its summary and exits 105). Edge: spawns a process and reads files.
 * @throws FaultlineError `ERR_LOAD_K6_*` for every ending that is not a completed or interrupted run
 *   (see k6-exit-codes.ts).
 */
export function k6Driver(k6Bin: string, scriptPath: string): LoadDriver {
  return {
    engine: 'k6',
    async run(request) {
      assertLoopbackTarget(request.baseUrl);
      const samplesPath = join(request.workDir, 'k6-samples.json');
      const summaryPath = join(request.workDir, 'k6-summary.json');
      const { command, args } = k6Command({ ...request, k6Bin, scriptPath, summaryPath, samplesPath });
      const samples = new K6Samples(request.profile.journey, (epochMs) => request.onStarted?.(epochMs));
      request.onLive?.(() => samples.summary());
      const tail = tailFile(samplesPath, (line) => samples.addLine(line));
      const progress = startProgress(
        request.progress?.stream ?? process.stderr,
        request.progress?.isTTY ?? false,
        () => progressSnapshot(samples),
      );
      let exit: ChildExit;
      try {
        exit = await runChild(command, args, request);
      } finally {
        await tail.stop();
        samples.end();
        progress.stop();
      }
      const ending = k6Ending(exit.code, exit.signal, exit.interruptedByUs);
      if (ending.kind === 'error') {
        const said = exit.stderrTail.length > 0 ? `; k6 said:\n  ${exit.stderrTail.join('\n  ')}` : '';
        throw new FaultlineError(ending.code, `${ending.message}${said}`);
      }
      const k6Summary = await readK6Summary(summaryPath, ending.kind === 'interrupted');
      const interrupted = ending.kind === 'interrupted';
      const durationMs = k6Summary?.state.testRunDurationMs ?? samples.elapsedMs;
      const summary = {
        ...samples.summary(durationMs),
        faultline: samples.extras(
          request.runId,
          request.profile.name,
          interrupted,
          phaseTimeline(request.profile),
        ),
      };
      return {
        engine: 'k6',
        summary,
        view: readSummary(summary),
        thresholdsFailed: ending.kind === 'completed' && ending.thresholdsFailed,
        k6ThresholdFailures: k6Summary ? crossedThresholds(k6Summary) : [],
        interrupted,
      };
    },
  };
}

interface ChildExit {
  code: number | null;
  signal: string | null;
  interruptedByUs: boolean;
  /** The last lines k6 wrote to stderr (for the error message). */
  stderrTail: string[];
}

function runChild(command: string, args: string[], request: LoadRunRequest): Promise<ChildExit> {
  const output = request.onOutput ?? ((line: string) => void process.stderr.write(`${line}\n`));
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stderrTail: string[] = [];
    eachLine(child.stdout, (line) => output(`k6: ${line}`, 'stdout'));
    eachLine(child.stderr, (line) => {
      stderrTail.push(line);
      if (stderrTail.length > 5) stderrTail.shift();
      output(`k6: ${line}`, 'stderr');
    });
    let interruptedByUs = false;
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = (): void => {
      interruptedByUs = true;
      child.kill('SIGINT');
      killTimer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    };
    if (request.signal?.aborted) onAbort();
    else request.signal?.addEventListener('abort', onAbort, { once: true });
    child.once('error', (cause) => {
      request.signal?.removeEventListener('abort', onAbort);
      clearTimeout(killTimer);
      reject(
        new FaultlineError('ERR_LOAD_K6_START', `could not start k6 (${command}): ${cause.message}`, {
          cause,
        }),
      );
    });
    child.once('close', (code, signal) => {
      request.signal?.removeEventListener('abort', onAbort);
      clearTimeout(killTimer);
      resolve({ code, signal, interruptedByUs, stderrTail });
    });
  });
}

function eachLine(stream: Readable, onLine: (line: string) => void): void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') onLine(line.trimEnd());
  });
  stream.on('end', () => {
    if (rest.trim() !== '') onLine(rest.trimEnd());
  });
}

interface K6HandleSummary {
  state: { testRunDurationMs: number };
  metrics: Record<string, { thresholds?: Record<string, { ok: boolean }> }>;
}

/** k6's own handleSummary JSON; an interrupted k6 may have none (then undefined). */
async function readK6Summary(path: string, optional: boolean): Promise<K6HandleSummary | undefined> {
  try {
    const data = JSON.parse(await readFile(path, 'utf8')) as K6HandleSummary;
    if (typeof data?.state?.testRunDurationMs !== 'number' || typeof data.metrics !== 'object')
      throw new Error('not k6 handleSummary data');
    return data;
  } catch (cause) {
    if (optional) return undefined;
    throw new FaultlineError('ERR_LOAD_K6_SUMMARY_MISSING', `k6 wrote no readable summary at ${path}`, {
      cause,
    });
  }
}

/** Every threshold k6 reported as crossed. Pure. */
export function crossedThresholds(summary: K6HandleSummary): K6ThresholdFailure[] {
  return Object.entries(summary.metrics).flatMap(([metric, m]) =>
    Object.entries(m.thresholds ?? {})
      .filter(([, r]) => !r.ok)
      .map(([expression]) => ({ metric, expression })),
  );
}

function progressSnapshot(samples: K6Samples) {
  const all = samples.series.samples();
  const last = all.at(-1);
  const failed = all.reduce((n, s) => n + s.failed, 0);
  const dropped = all.reduce((n, s) => n + s.dropped, 0);
  return snapshotFrom(all, {
    elapsedMs: samples.elapsedMs,
    phase: last?.phase ?? 'starting k6',
    // The latest second often has requests but no `vus` point yet: read k6's last reading instead.
    inFlight: samples.busyVUs,
    errors: failed,
    dropped,
  });
}

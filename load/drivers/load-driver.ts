import type { Writable } from 'node:stream';
import type { BuiltinSummary } from '../engine/run-load.js';
import type { K6SummaryData } from '../engine/metrics/k6-summary.js';
import type { LoadProfile } from '../profiles/profile.js';
import type { LoadSummaryView } from './summary-reader.js';

/** Engines a run can use. `auto` picks k6 when it is installed, else the built-in engine. */
export const ENGINES = ['auto', 'builtin', 'k6'] as const;
export type EnginePreference = (typeof ENGINES)[number];

/** One load run, engine-independent. The profile must already be validated. */
export interface LoadRunRequest {
  profile: LoadProfile;
  /** Loopback only. */
  baseUrl: string;
  apiKey: string;
  runId: string;
  /** Directory for engine artefacts (k6's sample stream and summary JSON); the caller removes it. */
  workDir: string;
  /** Aborting stops the run cleanly: the summary of what ran is still returned. */
  signal?: AbortSignal;
  progress?: { stream: Writable; isTTY: boolean };
  /** Called once when the first phase starts (epoch ms): k6 needs seconds to start up. */
  onStarted?: (epochMs: number) => void;
  /** Called once with a reader of the live metrics (everything measured so far). */
  onLive?: (read: () => K6SummaryData) => void;
  /** k6's own output lines (stdout and stderr), already prefixed `k6: `; default: this process's stderr. */
  onOutput?: (line: string, stream: 'stdout' | 'stderr') => void;
}

/** A threshold k6 itself evaluated and found crossed. */
export interface K6ThresholdFailure {
  /** k6's metric key, e.g. `dropped_iterations{scenario:inject}`. */
  metric: string;
  expression: string;
}

/** What every driver returns: the summary (built-in shape, whatever ran) and a view over it. */
export interface LoadRunOutcome {
  engine: 'builtin' | 'k6';
  /** k6-shaped summary data with a `faultline` key: per-second series, phases, engine. */
  summary: BuiltinSummary;
  view: LoadSummaryView;
  /** True when k6 reported failed thresholds (exit code 99). */
  thresholdsFailed: boolean;
  /** The thresholds k6 reported crossed (empty for the built-in engine). */
  k6ThresholdFailures: K6ThresholdFailure[];
  /** True when the run was stopped through `signal`. */
  interrupted: boolean;
}

/** A load engine behind one interface, so the runner picks the engine and nothing else changes. */
export interface LoadDriver {
  readonly engine: 'builtin' | 'k6';
  run(request: LoadRunRequest): Promise<LoadRunOutcome>;
}

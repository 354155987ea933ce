import type { Writable } from 'node:stream';
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
  /** Directory for engine artefacts (k6 writes its summary JSON here). */
  workDir: string;
  signal?: AbortSignal;
  progress?: { stream: Writable; isTTY: boolean };
}

/** What every driver returns: the raw k6-shaped summary and a view over it. */
export interface LoadRunOutcome {
  engine: 'builtin' | 'k6';
  /** k6 `handleSummary` data (the built-in engine adds a `faultline` key with time series). */
  summary: unknown;
  view: LoadSummaryView;
  /** True when k6 reported failed thresholds (exit code 99). The built-in engine leaves thresholds to the caller. */
  thresholdsFailed: boolean;
}

/** A load engine behind one interface, so the runner picks the engine and nothing else changes. */
export interface LoadDriver {
  readonly engine: 'builtin' | 'k6';
  run(request: LoadRunRequest): Promise<LoadRunOutcome>;
}

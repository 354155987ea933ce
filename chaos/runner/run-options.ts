import type { ResolvedPlan } from '../experiment/plan.js';
import type { KubeClient } from '../kubernetes/kube-client.js';
import type { RunTelemetryOptions } from './run-telemetry.js';

/** Options of `runExperiment` (chaos/runner/run-experiment.ts), shared with the run session. */
export interface RunExperimentOptions extends RunTelemetryOptions {
  /** The experiment file as given (relative to cwd), for the journal. */
  file: string;
  plan: ResolvedPlan;
  /** Repository root: holds target-services/links.json, prometheus/rules/ and dist/. */
  repoDir: string;
  /** Parent of the run folder, e.g. `<cwd>/runs`. */
  runsDir: string;
  /** Folder of fault run-state files. */
  stateDir: string;
  /** The Prometheus server binary; default `/usr/bin/prometheus`. */
  prometheusBinary?: string;
  /** Load `prometheus/rules/*.yml` into the embedded Prometheus; default true (see docs/runner.md). */
  prometheusRules?: boolean;
  /**
   * Kubernetes mode: `KUBECONFIG`, whether this process runs in a pod, k6-operator runners, `FAULTLINE_OTLP_LISTEN`
   * (the trace receiver's `host:port`); a client for tests.
   */
  kubernetes?: {
    kubeconfig?: string;
    inCluster: boolean;
    parallelism?: number;
    otlpListen?: string;
    client?: KubeClient;
  };
  signal: AbortSignal;
  /** One progress or status line (no trailing newline). */
  log: (line: string) => void;
  /** Live progress (overwritten in place on a TTY). */
  progress: (line: string) => void;
}

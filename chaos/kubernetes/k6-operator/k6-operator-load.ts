import { readSummary } from '../../../load/drivers/summary-reader.js';
import type { LoadRunOutcome } from '../../../load/drivers/load-driver.js';
import type { BuiltinSummary } from '../../../load/engine/run-load.js';
import { phaseTimeline } from '../../../load/profiles/phase-timeline.js';
import type { PrometheusClient } from '../../assertions/promql/prometheus-client.js';
import { describeError, FaultlineError } from '../../errors.js';
import type { RunLoad } from '../../runner/load-engine.js';
import { isKubeNotFound, type KubeClient } from '../kube-client.js';
import { summaryFromSeries, summaryQueries } from './prometheus-summary.js';
import { testRunName, testRunObject } from './test-run.js';

/**
 * The `k6-operator` load engine (kubernetes mode):
 *
 *   POST TestRun ─► poll status.stage: … started (timeline anchored) … finished | error
 *     ─► read the figures back from Prometheus ─► DELETE TestRun (always)
 *
 * An abort (guard, interrupt) deletes the TestRun, which stops its runners.
 */
export interface K6OperatorOptions {
  client: KubeClient;
  prometheus: PrometheusClient;
  /** In-cluster gateway URL the runners load. */
  gatewayUrl: string;
  /** Prometheus remote-write receiver URL the runners write to (in-cluster). */
  remoteWriteUrl: string;
  parallelism?: number;
  /** Status poll period; default 2000 ms. */
  pollMs?: number;
  /** Wait after `finished` for the last remote-write push to land; default 5000 ms. */
  settleMs?: number;
}

/** How long the operator may take to start the runners (initializer, pods, image pulls): 5 min. */
export const K6_OPERATOR_START_LIMIT_MS = 300_000;

interface TestRunStatus {
  status?: { stage?: string };
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

export function k6OperatorRunLoad(o: K6OperatorOptions): RunLoad {
  const ns = o.client.namespace;
  const collection = `/apis/k6.io/v1alpha1/namespaces/${ns}/testruns`;
  return {
    engine: 'k6-operator',
    startLimitMs: K6_OPERATOR_START_LIMIT_MS,
    async run(request) {
      const name = testRunName(request.runId);
      const body = testRunObject({
        namespace: ns,
        runId: request.runId,
        profile: request.profile,
        gatewayUrl: o.gatewayUrl,
        remoteWriteUrl: o.remoteWriteUrl,
        ...(o.parallelism === undefined ? {} : { parallelism: o.parallelism }),
      });
      await o.client.request('POST', collection, body);
      const startedMs = Date.now();
      let anchoredMs: number | undefined;
      try {
        const deadline = startedMs + K6_OPERATOR_START_LIMIT_MS + totalMs(request.profile) + 120_000;
        for (;;) {
          if (request.signal.aborted) break;
          const stage = (await o.client.request<TestRunStatus>('GET', `${collection}/${name}`)).status?.stage;
          if (
            anchoredMs === undefined &&
            (stage === 'started' || stage === 'stopped' || stage === 'finished')
          ) {
            anchoredMs = Date.now();
            request.onStarted?.(anchoredMs);
          }
          if (stage === 'finished') break;
          if (stage === 'error')
            throw new FaultlineError(
              'ERR_LOAD_K6_OPERATOR',
              `TestRun ${name} ended in stage error (kubectl -n ${ns} describe testrun ${name})`,
            );
          if (Date.now() > deadline)
            throw new FaultlineError(
              'ERR_LOAD_K6_OPERATOR',
              `TestRun ${name} did not finish in time (last stage ${stage ?? 'none'})`,
            );
          await sleep(o.pollMs ?? 2000, request.signal);
        }
        await sleep(o.settleMs ?? 5000, request.signal);
        return await readOutcome(o.prometheus, request, anchoredMs ?? startedMs, request.signal.aborted);
      } finally {
        await o.client.request('DELETE', `${collection}/${name}`).catch((err: unknown) => {
          if (!isKubeNotFound(err))
            request.onOutput?.(`k6-operator: cannot delete TestRun ${name}: ${describeError(err)}`, 'stderr');
        });
      }
    },
  };
}

function totalMs(profile: Parameters<typeof phaseTimeline>[0]): number {
  return phaseTimeline(profile).reduce((sum, p) => sum + p.durationMs, 0);
}

async function readOutcome(
  prometheus: PrometheusClient,
  request: Parameters<RunLoad['run']>[0],
  anchoredMs: number,
  interrupted: boolean,
): Promise<LoadRunOutcome> {
  const phases = phaseTimeline(request.profile);
  const rangeS = Math.ceil((Date.now() - anchoredMs) / 1000) + 60;
  const results: Record<string, Awaited<ReturnType<PrometheusClient['query']>>> = {};
  for (const [key, expr] of Object.entries(summaryQueries(request.runId, rangeS))) {
    try {
      results[key] = await prometheus.query(expr, Date.now());
    } catch (err) {
      throw new FaultlineError('ERR_LOAD_K6_OPERATOR', `cannot read the k6 figures back from Prometheus`, {
        cause: err,
      });
    }
  }
  const data = summaryFromSeries(results, Object.fromEntries(phases.map((p) => [p.phase, p.durationMs])));
  const summary: BuiltinSummary = {
    ...data,
    faultline: {
      engine: 'k6',
      runId: request.runId,
      profile: request.profile.name,
      interrupted,
      phases,
      timeSeries: [],
      startedEpochMs: anchoredMs,
    },
  };
  return {
    engine: 'k6',
    summary,
    view: readSummary(summary),
    thresholdsFailed: false,
    k6ThresholdFailures: [],
    interrupted,
  };
}

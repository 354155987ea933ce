import type { Journey, JourneyContext, Step, StepResult } from '../journeys/journey.js';
import { loadBaggage, newTraceparent, type RandomHex } from '../journeys/trace-context.js';
import type { AbortFanout } from './abort-fanout.js';
import type { Clock } from './clock.js';
import type { LoadHttpClient } from './http-client.js';
import type { MetricsRegistry } from './metrics/metrics-registry.js';
import type { TimeSeries } from './metrics/time-series.js';

/** Everything one iteration needs; shared by all iterations of a phase. */
export interface IterationEnv {
  http: LoadHttpClient;
  metrics: MetricsRegistry;
  series: TimeSeries;
  clock: Clock;
  /** Monotonic time (ms) the run started; time-series buckets are offsets from it. */
  runStartMs: number;
  runId: string;
  phase: string;
  journeyName: string;
  journey: Journey;
  journeyContext: JourneyContext;
  randomHex: RandomHex;
  /** Aborts in-flight requests and sleeps (graceful stop expired, or the run was stopped). */
  abort: AbortFanout;
}

/**
 * Runs one journey iteration: interprets each step the journey yields. Every HTTP request gets a
 * fresh `traceparent` and the run's `baggage`. Records http_*, checks, custom trends, iterations
 * and iteration_duration; an iteration cut short by the signal is not counted as completed.
 */
export async function runIteration(env: IterationEnv): Promise<void> {
  const started = env.clock.nowMs();
  env.series.started(started - env.runStartMs, env.phase);
  const run = env.journey(env.journeyContext);
  let next = run.next();
  while (!next.done) {
    if (env.abort.signal.aborted) {
      run.return(undefined);
      return;
    }
    next = run.next(await perform(next.value, env));
  }
  const tags = { phase: env.phase, journey: env.journeyName };
  env.metrics.count('iterations', 1, tags);
  env.metrics.trend('iteration_duration', env.clock.nowMs() - started, tags);
  env.series.iteration(env.clock.nowMs() - env.runStartMs, env.phase);
}

async function perform(step: Step, env: IterationEnv): Promise<StepResult> {
  const tags = { phase: env.phase, journey: env.journeyName };
  switch (step.kind) {
    case 'http': {
      const headers = {
        traceparent: newTraceparent(env.randomHex),
        baggage: loadBaggage({ runId: env.runId, phase: env.phase, journey: env.journeyName }),
      };
      const child = env.abort.child();
      const res = await env.http.send(step, headers, child.signal).finally(child.release);
      const result = {
        status: res.status,
        body: res.body,
        ...(res.retryAfter === undefined ? {} : { retryAfter: res.retryAfter }),
      };
      if (env.abort.signal.aborted) return result;
      const failed = res.status === 0 || res.status >= 400;
      const reqTags = { ...tags, name: step.name };
      env.metrics.count('http_reqs', 1, reqTags);
      env.metrics.trend('http_req_duration', res.durationMs, reqTags);
      env.metrics.rate('http_req_failed', failed, reqTags);
      env.series.request(env.clock.nowMs() - env.runStartMs, env.phase, res.durationMs, failed);
      return result;
    }
    case 'sleep': {
      const child = env.abort.child();
      await env.clock.sleep(step.ms, child.signal).finally(child.release);
      return undefined;
    }
    case 'check':
      env.metrics.rate('checks', step.ok, { ...tags, check: step.name });
      return undefined;
    case 'metric':
      env.metrics.trend(step.metric, step.valueMs, { ...tags, ...step.tags });
      return undefined;
    case 'now':
      return env.clock.epochMs();
  }
}

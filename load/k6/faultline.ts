/**
 * The Faultline k6 script: runs a journey from load/journeys under a profile from load/profiles
 * (the same definitions the built-in engine uses), one scenario per phase tagged `{ phase }`.
 *
 * Environment (`k6 run -e KEY=value` or the process env):
 *   FAULTLINE_PROFILE       profile JSON (wins), or
 *   FAULTLINE_PROFILE_NAME  a built-in profile name (default `smoke`)
 *   BASE_URL                gateway base URL, loopback only (default http://127.0.0.1:8080)
 *   FAULTLINE_CLUSTER_HOST  k6-operator: the in-cluster gateway host BASE_URL may also name
 *   API_KEY                 X-Api-Key (default faultline-dev-key)
 *   RUN_ID                  goes into every request's baggage (default `k6`)
 *   SUMMARY_PATH            where handleSummary writes JSON (default faultline-summary.json)
 *
 * Bundled by `npm run build:k6` to dist/k6/faultline.js (plain ES2017).
 */
import { check, sleep } from 'k6';
import exec from 'k6/execution';
import http from 'k6/http';
import { Trend } from 'k6/metrics';
import type { HttpResult, Step, StepResult } from '../journeys/journey.js';
import { hostOf, isLoopbackHost } from '../journeys/loopback-host.js';
import { JOURNEY_REGISTRY } from '../journeys/registry.js';
import { loadBaggage, mathRandomHex, newTraceparent } from '../journeys/trace-context.js';
import { BUILTIN_PROFILES } from '../profiles/builtin-profiles.js';
import { k6Options } from '../profiles/k6-options.js';
import type { LoadProfile } from '../profiles/profile.js';
import { textSummary, type TextSummaryInput } from '../summary/text-summary.js';

const profile = loadProfile();
const baseUrl = (__ENV['BASE_URL'] || 'http://127.0.0.1:8080').replace(/\/$/, '');
const host = hostOf(baseUrl);
// In a cluster (k6-operator), the TestRun names the one in-cluster gateway host it may load.
const clusterHost = __ENV['FAULTLINE_CLUSTER_HOST'] || '';
if (host === undefined || (!isLoopbackHost(host) && host !== clusterHost)) {
  throw new Error(
    `refusing to send load to ${baseUrl}: only 127.0.0.0/8, localhost, [::1] and FAULTLINE_CLUSTER_HOST are allowed`,
  );
}
const apiKey = __ENV['API_KEY'] || 'faultline-dev-key';
const runId = __ENV['RUN_ID'] || 'k6';
const orderTimeToTerminal = new Trend('order_time_to_terminal', true);

export const options = k6Options(profile);

/** One iteration: drives the profile's journey, performing each step with k6's APIs. */
export default function (): void {
  const phase = exec.scenario.name;
  const run = JOURNEY_REGISTRY[profile.journey]({ apiKey, random: Math.random });
  let next = run.next();
  while (!next.done) next = run.next(perform(next.value, phase));
}

function perform(step: Step, phase: string): StepResult {
  const tags = { journey: profile.journey };
  switch (step.kind) {
    case 'http':
      return send(step.method, step.path, step.name, phase, step.headers, step.body);
    case 'sleep':
      sleep(step.ms / 1000);
      return undefined;
    case 'check':
      check(null, { [step.name]: () => step.ok }, tags);
      return undefined;
    case 'metric':
      orderTimeToTerminal.add(step.valueMs, Object.assign({}, tags, step.tags));
      return undefined;
    case 'now':
      return Date.now();
  }
}

function send(
  method: string,
  path: string,
  name: string,
  phase: string,
  headers: Record<string, string> | undefined,
  body: string | undefined,
): HttpResult {
  const res = http.request(method, baseUrl + path, body === undefined ? null : body, {
    headers: Object.assign({}, headers, {
      traceparent: newTraceparent(mathRandomHex),
      baggage: loadBaggage({ runId, phase, journey: profile.journey }),
    }),
    tags: { name, journey: profile.journey },
    responseType: 'text',
  });
  const result: HttpResult = { status: res.status, body: typeof res.body === 'string' ? res.body : '' };
  // k6 canonicalises header names (Retry-After).
  const retryAfter = res.headers ? res.headers['Retry-After'] : undefined;
  if (retryAfter !== undefined) result.retryAfter = retryAfter;
  return result;
}

/**
 * Writes k6's summary data as JSON (the shape the Faultline summary reader reads) and keeps an
 * end-of-test text summary on stdout (defining handleSummary replaces k6's own).
 */
export function handleSummary(data: Record<string, unknown>): Record<string, string> {
  const path = __ENV['SUMMARY_PATH'] || 'faultline-summary.json';
  const out: Record<string, string> = {};
  out[path] = JSON.stringify(data);
  out['stdout'] =
    `${textSummary(data as unknown as TextSummaryInput)}\nfaultline: summary written to ${path}\n`;
  return out;
}

function loadProfile(): LoadProfile {
  const json = __ENV['FAULTLINE_PROFILE'];
  if (json) return JSON.parse(json) as LoadProfile;
  const name = __ENV['FAULTLINE_PROFILE_NAME'] || 'smoke';
  const builtin = BUILTIN_PROFILES[name];
  if (!builtin)
    throw new Error(`unknown profile ${name}; built-in: ${Object.keys(BUILTIN_PROFILES).join(', ')}`);
  return builtin;
}

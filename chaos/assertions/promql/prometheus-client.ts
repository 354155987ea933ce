import { FaultlineError } from '../../errors.js';
import { parseSampleValue, type PromSeries } from './prom-series.js';

/** Options of the Prometheus HTTP API client. */
export interface PrometheusClientOptions {
  /** Base URL, e.g. `http://127.0.0.1:9090`. */
  baseUrl: string;
  /** Per-request timeout in ms; default 5 000. */
  timeoutMs?: number;
}

/** The two queries assertions need, normalised to series of Unix-ms points. */
export interface PrometheusClient {
  /** Instant query at `timeMs` (Unix ms). */
  query(expr: string, timeMs: number): Promise<PromSeries[]>;
  /** Range query over [startMs, endMs] with a resolution of `stepMs`. */
  queryRange(expr: string, startMs: number, endMs: number, stepMs: number): Promise<PromSeries[]>;
}

type Sample = [number, string];
interface ApiBody {
  status?: 'success' | 'error';
  errorType?: string;
  error?: string;
  data?: { resultType: string; result: unknown };
}

/**
 * A small client for Prometheus' HTTP API (`/api/v1/query`, `/api/v1/query_range`), using fetch.
 *
 * Errors: a query Prometheus rejects as `bad_data` (malformed PromQL, bad range) is the user's
 * input → `ERR_INPUT_PROMQL` with Prometheus' own message; an unreachable server →
 * `ERR_PROMETHEUS_UNREACHABLE`; a timeout → `ERR_PROMETHEUS_TIMEOUT`; any other API error →
 * `ERR_PROMETHEUS_QUERY`.
 */
export function createPrometheusClient(options: PrometheusClientOptions): PrometheusClient {
  const timeoutMs = options.timeoutMs ?? 5000;
  const call = async (path: string, params: Record<string, string>): Promise<PromSeries[]> => {
    const body = await post(new URL(path, options.baseUrl), new URLSearchParams(params), timeoutMs);
    return toSeries(body, params.query ?? '');
  };
  return {
    query: (expr, timeMs) => call('/api/v1/query', { query: expr, time: String(timeMs / 1000) }),
    queryRange: (expr, startMs, endMs, stepMs) =>
      call('/api/v1/query_range', {
        query: expr,
        start: String(startMs / 1000),
        end: String(endMs / 1000),
        step: String(stepMs / 1000),
      }),
  };
}

async function post(url: URL, form: URLSearchParams, timeoutMs: number): Promise<ApiBody> {
  const expr = form.get('query') ?? '';
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', body: form, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    if (timedOut) {
      throw new FaultlineError(
        'ERR_PROMETHEUS_TIMEOUT',
        `Prometheus did not answer \`${expr}\` within ${timeoutMs} ms`,
        { cause: err },
      );
    }
    throw new FaultlineError('ERR_PROMETHEUS_UNREACHABLE', `cannot reach Prometheus at ${url.origin}`, {
      cause: err,
    });
  }
  const text = await response.text();
  let body: ApiBody;
  try {
    body = JSON.parse(text) as ApiBody;
  } catch (err) {
    const snippet = text.slice(0, 200);
    throw new FaultlineError(
      'ERR_PROMETHEUS_QUERY',
      `Prometheus answered HTTP ${response.status} with a non-JSON body: ${snippet}`,
      { cause: err },
    );
  }
  if (body.status === 'success') return body;
  const message = body.error ?? `HTTP ${response.status}`;
  if (body.errorType === 'bad_data') {
    throw new FaultlineError('ERR_INPUT_PROMQL', `Prometheus rejected \`${expr}\`: ${message}`);
  }
  throw new FaultlineError(
    'ERR_PROMETHEUS_QUERY',
    `Prometheus failed on \`${expr}\` (${body.errorType ?? 'error'}): ${message}`,
  );
}

function toSeries(body: ApiBody, expr: string): PromSeries[] {
  const data = body.data;
  const point = ([t, v]: Sample): { tMs: number; value: number } => ({
    tMs: Math.round(t * 1000),
    value: parseSampleValue(v),
  });
  if (data === undefined) {
    throw new FaultlineError('ERR_PROMETHEUS_QUERY', `Prometheus answered \`${expr}\` without data`);
  }
  switch (data.resultType) {
    case 'vector':
      return (data.result as Array<{ metric: Record<string, string>; value: Sample }>).map((s) => ({
        labels: s.metric,
        points: [point(s.value)],
      }));
    case 'matrix':
      return (data.result as Array<{ metric: Record<string, string>; values: Sample[] }>).map((s) => ({
        labels: s.metric,
        points: s.values.map(point),
      }));
    case 'scalar':
      return [{ labels: {}, points: [point(data.result as Sample)] }];
    default:
      throw new FaultlineError(
        'ERR_INPUT_PROMQL',
        `\`${expr}\` returns a ${data.resultType} result; assertions need a number`,
      );
  }
}

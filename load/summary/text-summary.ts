/**
 * k6's end-of-test text summary, rendered by the script itself: a script that defines
 * `handleSummary` replaces k6's own text, and k6 v0.48 has no built-in `textSummary` to call (the
 * jslib one is a remote import, and runs stay offline). Pure; plain ES2017 once bundled.
 *
 * ```
 *   ✓ order accepted (202 with id)
 *   ✗ product read is 200  (2 of 40 failed)
 *   checks.....................: 95.00% (38 of 40)
 * ✗ dropped_iterations.........: count=3 rate=0.5/s
 *     ✗ count==0
 *   http_req_duration..........: count=40 avg=3.21ms min=1.02ms med=2.9ms max=9.81ms p(90)=5.1ms p(95)=6ms
 *     { phase:inject }.........: count=20 avg=...
 * ```
 */

interface SummaryMetric {
  type: string;
  contains?: string;
  values: Record<string, number>;
  thresholds?: Record<string, { ok: boolean }>;
}

interface SummaryGroup {
  checks?: { name: string; passes: number; fails: number }[];
  groups?: SummaryGroup[];
}

/** The parts of k6's handleSummary data the text uses. */
export interface TextSummaryInput {
  metrics: Record<string, SummaryMetric>;
  root_group?: SummaryGroup;
  state?: { testRunDurationMs?: number };
}

const WIDTH = 44;

/** The text summary of k6 handleSummary data. */
export function textSummary(data: TextSummaryInput): string {
  const lines: string[] = [];
  for (const c of allChecks(data.root_group)) {
    lines.push(
      `  ${c.fails === 0 ? '✓' : '✗'} ${c.name}${c.fails === 0 ? '' : `  (${c.fails} of ${c.passes + c.fails} failed)`}`,
    );
  }
  if (lines.length > 0) lines.push('');
  const names = Object.keys(data.metrics).sort();
  for (const key of names.filter((k) => k.indexOf('{') < 0)) {
    lines.push(metricLine(key, data.metrics[key] as SummaryMetric, '', key));
    for (const sub of names.filter((k) => k.indexOf(`${key}{`) === 0)) {
      lines.push(
        metricLine(`{ ${sub.slice(key.length + 1, -1)} }`, data.metrics[sub] as SummaryMetric, '    ', sub),
      );
    }
  }
  const seconds = (data.state?.testRunDurationMs ?? 0) / 1000;
  lines.push('', `  test run: ${seconds.toFixed(1)} s`);
  return `\n${lines.join('\n')}\n`;
}

function metricLine(label: string, m: SummaryMetric, indent: string, _key: string): string {
  const results = Object.keys(m.thresholds ?? {}).map((expr) => ({
    expr,
    ok: (m.thresholds ?? {})[expr]?.ok !== false,
  }));
  const failed = results.some((r) => !r.ok);
  const mark = results.length === 0 ? ' ' : failed ? '✗' : '✓';
  const name = `${indent}${label}`;
  const dots = name.length < WIDTH ? '.'.repeat(WIDTH - name.length) : '';
  const head = `${mark} ${name}${dots}: ${formatValues(m)}`;
  const crossed = results.filter((r) => !r.ok).map((r) => `\n${indent}      ✗ ${r.expr}`);
  return head + crossed.join('');
}

function formatValues(m: SummaryMetric): string {
  const v = m.values;
  const ms = (n: number | undefined): string => (n === undefined ? '-' : `${round(n)}ms`);
  switch (m.type) {
    case 'trend':
      // k6 hands the stats over in Go map order, which changes from run to run: print them in one.
      return Object.keys(v)
        .sort((a, b) => statRank(a) - statRank(b) || (a < b ? -1 : a > b ? 1 : 0))
        .map((k) =>
          k === 'count' ? `count=${v[k]}` : `${k}=${m.contains === 'time' ? ms(v[k]) : round(v[k] ?? 0)}`,
        )
        .join(' ');
    case 'rate': {
      const total = (v['passes'] ?? 0) + (v['fails'] ?? 0);
      return `${round((v['rate'] ?? 0) * 100)}% (${v['passes'] ?? 0} of ${total})`;
    }
    case 'counter':
      return `count=${v['count'] ?? 0} rate=${round(v['rate'] ?? 0)}/s`;
    default:
      return `value=${round(v['value'] ?? 0)} min=${round(v['min'] ?? 0)} max=${round(v['max'] ?? 0)}`;
  }
}

const STAT_ORDER = ['count', 'avg', 'min', 'med', 'max'];

/** count, avg, min, med, max, then percentiles by their number, then anything else. */
function statRank(stat: string): number {
  const fixed = STAT_ORDER.indexOf(stat);
  if (fixed >= 0) return fixed;
  const p = /^p\((\d+(?:\.\d+)?)\)$/.exec(stat);
  return p ? STAT_ORDER.length + Number(p[1]) : 1000;
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function allChecks(group: SummaryGroup | undefined): { name: string; passes: number; fails: number }[] {
  if (group === undefined) return [];
  const own = group.checks ?? [];
  return own.concat(...(group.groups ?? []).map(allChecks));
}

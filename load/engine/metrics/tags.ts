/** Metric tags, k6-style. The engine tags by `phase`, `journey`, `name` (request), `check`, `outcome`. */
export type Tags = Readonly<Record<string, string>>;

/** Tag keys that get their own sub-metric in the summary, e.g. `http_req_duration{phase:inject}`. */
export const SUBMETRIC_TAGS = ['phase', 'journey', 'name', 'outcome'] as const;

/** A stable key for a tag set (sorted by key). */
export function seriesKey(tags: Tags): string {
  return Object.keys(tags)
    .sort()
    .map((k) => `${k}:${tags[k]}`)
    .join(',');
}

/** k6's sub-metric name: `metric{key:value}`. */
export function submetricName(metric: string, key: string, value: string): string {
  return `${metric}{${key}:${value}}`;
}

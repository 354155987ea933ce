import type { CheckResult, Evidence } from '../verdict.js';
import { observedUnit } from './check-unit.js';
import { formatNumber } from './number-format.js';
import type { ReportContext } from './report-context.js';
import { idList, MAX_LISTED_IDS, type IdKind, type RichText } from './rich-text.js';
import { formatInstant, formatSeconds, formatWindow, isEpochMs, isWindow } from './run-clock.js';

/** One `label: value` line of a check's evidence. */
export interface EvidenceEntry {
  label: string;
  value: RichText;
}

/** Nested objects deeper than this are shown as (shortened) JSON. */
const MAX_DEPTH = 3;
const MAX_JSON_CHARS = 120;

/**
 * A check's evidence as readable lines, for every renderer: windows as offsets from the timeline
 * start plus wall clock, id lists as up to 10 ids then "and N more", nested details as `key value`
 * pairs rather than JSON. An invariant's order ids come from the journal's full violation list
 * (the check itself cites only the first ones). Pure.
 */
export function evidenceEntries(check: CheckResult, ctx: ReportContext): EvidenceEntry[] {
  const e: Evidence = check.evidence;
  const out: EvidenceEntry[] = [];
  if (e.objective !== undefined) out.push({ label: 'objective', value: [{ code: e.objective }] });
  if (e.observed !== undefined)
    out.push({
      label: 'observed',
      value: [{ strong: `${formatNumber(e.observed)}${observedUnit(check, ctx.plan)}` }],
    });
  if (e.samples !== undefined) out.push({ label: 'samples', value: [{ text: String(e.samples) }] });
  if (e.traceIds !== undefined && e.traceIds.length > 0)
    out.push({ label: 'traces', value: idList(e.traceIds, 'trace') });
  const fullOrderIds = ctx.orderIdsByCheck.get(check.id);
  for (const [key, raw] of Object.entries(e.details ?? {})) {
    const value = key === 'orderIds' && fullOrderIds !== undefined ? fullOrderIds : raw;
    const text = describeValue(key, value, ctx, 0);
    if (text.length > 0) out.push({ label: labelOf(key), value: text });
  }
  return out;
}

/** `orderIds` → `order ids`, `stabilityMs` → `stability`, `tMs` → `at`. */
export function labelOf(key: string): string {
  if (key === 'tMs') return 'at';
  const words = key
    .replace(/Ms$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
  return words || key;
}

/** Detail keys whose text is a query, a metric or a selector, shown as code. */
const CODE_KEYS = /^(query|metric|series|select|selector|match|when|forbid|require)$/;

function idKindOf(key: string): IdKind | undefined {
  if (/^orders?(Ids?)?$|orderIds?$/i.test(key)) return 'order';
  if (/traceIds?$/i.test(key)) return 'trace';
  return undefined;
}

/** A detail value as text; an empty line for `undefined` (the entry is left out). Pure. */
export function describeValue(key: string, value: unknown, ctx: ReportContext, depth: number): RichText {
  if (value === undefined) return [];
  if (value === null) return [{ text: 'none' }];
  if (typeof value === 'string') {
    const kind = idKindOf(key);
    const flat = value.replace(/\s*\n\s*/g, ' ');
    if (kind !== undefined) return [{ id: value, of: kind }];
    return CODE_KEYS.test(key) ? [{ code: flat }] : [{ text: flat }];
  }
  if (typeof value === 'number') return [{ text: describeNumber(key, value, ctx) }];
  if (typeof value === 'boolean') return [{ text: value ? 'yes' : 'no' }];
  if (Array.isArray(value)) return describeList(key, value, ctx, depth);
  if (isWindow(value)) return [{ text: formatWindow(value, ctx.clock) }];
  if (typeof value === 'object' && depth < MAX_DEPTH) return describeObject(value, ctx, depth);
  const json = JSON.stringify(value) ?? typeof value;
  return [{ code: json.length > MAX_JSON_CHARS ? `${json.slice(0, MAX_JSON_CHARS - 1)}…` : json }];
}

function describeNumber(key: string, value: number, ctx: ReportContext): string {
  if (/Ms$/.test(key) && Number.isFinite(value)) {
    if (isEpochMs(value) || key === 'tMs' || /At/.test(key)) return formatInstant(value, ctx.clock);
    return value < 1000 ? `${formatNumber(value)} ms` : formatSeconds(value);
  }
  return formatNumber(value);
}

function describeList(key: string, list: readonly unknown[], ctx: ReportContext, depth: number): RichText {
  if (list.length === 0) return [{ text: 'none' }];
  const kind = idKindOf(key);
  if (kind !== undefined && list.every((v) => typeof v === 'string')) return idList(list, kind);
  const out: RichText = [];
  const item = key.replace(/s$/, '');
  list.slice(0, MAX_LISTED_IDS).forEach((v, i) => {
    if (i > 0) out.push({ text: '; ' });
    out.push(...describeValue(item, v, ctx, depth + 1));
  });
  if (list.length > MAX_LISTED_IDS) out.push({ text: ` and ${list.length - MAX_LISTED_IDS} more` });
  return out;
}

function describeObject(value: object, ctx: ReportContext, depth: number): RichText {
  const record = value as Record<string, unknown>;
  // A point of a series: `0.42 at +31.0 s (14:50:00.1 UTC)`.
  if (typeof record['tMs'] === 'number' && 'value' in record && Object.keys(record).length === 2) {
    return [
      ...describeValue('value', record['value'], ctx, depth + 1),
      { text: ` at ${formatInstant(record['tMs'], ctx.clock)}` },
    ];
  }
  const out: RichText = [];
  for (const [k, v] of Object.entries(record)) {
    const text = describeValue(k, v, ctx, depth + 1);
    if (text.length === 0) continue;
    if (out.length > 0) out.push({ text: ', ' });
    // Word keys read as `observed 0.12`; keys that are values themselves (status codes) as `500: 3`.
    const label = labelOf(k);
    out.push({ text: /^[a-z][a-z ]*$/.test(label) ? `${label} ` : `${label}: ` }, ...text);
  }
  return out.length > 0 ? out : [{ text: 'none' }];
}

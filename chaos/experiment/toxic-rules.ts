import { TOXIC_ATTRIBUTES, type ToxicType } from '../faults/fault-spec.js';
import type { SourceContext } from './issue-to-problem.js';
import { problemAt } from './issue-to-problem.js';
import type { DocPath, Problem } from './problem.js';
import { asList, asRecord, asString } from './raw-access.js';

/**
 * Toxic attribute values that real Toxiproxy 2.12 accepts (200) but then crashes on, hangs on,
 * or silently ignores. Each was tried against the real server; docs/experiments.md has the table.
 * A toxic that would take a Toxiproxy down, or do something other than what the file says, is
 * refused at validate time with the reason.
 */

/**
 * Largest delay, in ms, both proxies can wait. Node's timers (faultline proxy) hold 2^31-1 ms and
 * fire after 1 ms beyond that; Go's time.Duration (Toxiproxy) wraps beyond 9223372036854 ms.
 */
export const MAX_TOXIC_MS = 2 ** 31 - 1;
const OVERFLOW_HINT =
  "Node's timers in faultline proxy hold at most 2147483647 ms (24.8 days), Go's in Toxiproxy 9223372036854 ms; to hold data for good use a `timeout` toxic with `timeout: 0`";

/** What Toxiproxy does with a negative value of each attribute. */
const NEGATIVE: Readonly<Partial<Record<ToxicType, Readonly<Record<string, string>>>>> = {
  latency: {
    latency: 'Toxiproxy adds no delay for a negative latency',
    jitter: 'Toxiproxy ignores a negative jitter',
  },
  bandwidth: { rate: 'a negative rate crashes Toxiproxy (panic: slice bounds out of range) once data flows' },
  slow_close: { delay: 'Toxiproxy closes at once, as with 0' },
  timeout: { timeout: 'Toxiproxy treats it as 0: data is dropped and the connection never closes' },
  reset_peer: { timeout: 'Toxiproxy resets at once, as with 0' },
  slicer: {
    average_size: 'Toxiproxy hangs on the first data and then crashes (stack overflow)',
    size_variation: 'Toxiproxy ignores the variation, and crashes when average_size + size_variation <= 0',
    delay: 'Toxiproxy does not wait between slices, as with 0',
  },
  limit_data: { bytes: 'Toxiproxy closes on the first data, as with 0' },
};

type Attributes = Readonly<Record<string, unknown>>;
type Rule = (attributes: Attributes, at: (attribute: string) => DocPath) => [DocPath, string, string?][];

const isInteger = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
/** An attribute's value with Toxiproxy's default (0) when omitted; undefined when not an integer. */
const valueOf = (attributes: Attributes, key: string): number | undefined =>
  attributes[key] === undefined ? 0 : isInteger(attributes[key]) ? attributes[key] : undefined;
/** "`rate: 0` <effect>", or "`rate` is missing, and Toxiproxy's default 0 <effect>". */
const zero = (attributes: Attributes, key: string, effect: string): string =>
  attributes[key] === undefined
    ? `\`${key}\` is missing, and Toxiproxy's default 0 ${effect}`
    : `\`${key}: 0\` ${effect}`;

/** Per-type rules beyond "non-negative": the values Toxiproxy mishandles. */
const RULES: Readonly<Partial<Record<ToxicType, Rule>>> = {
  bandwidth: (a, at) =>
    valueOf(a, 'rate') === 0
      ? [
          [
            at('rate'),
            zero(a, 'rate', 'stalls the link: Toxiproxy delivers no byte and holds every connection open'),
            'give a rate in KB/s; to drop all data use a `timeout` toxic with `timeout: 0`, to refuse connections a `link-down` fault',
          ],
        ]
      : [],
  slicer: (a, at) => {
    const average = valueOf(a, 'average_size');
    const variation = valueOf(a, 'size_variation');
    if (average === 0)
      return [
        [
          at('average_size'),
          zero(a, 'average_size', 'makes Toxiproxy hang on the first data, then crash (stack overflow)'),
          'give the mean slice size in bytes, at least 1',
        ],
      ];
    if (average !== undefined && average > 0 && variation !== undefined && variation > average)
      return [
        [
          at('size_variation'),
          `\`size_variation: ${variation}\` larger than \`average_size: ${average}\` crashes Toxiproxy (panic: slice bounds out of range)`,
          'keep size_variation <= average_size',
        ],
      ];
    return [];
  },
  latency: (a, at) => {
    const latency = valueOf(a, 'latency') ?? 0;
    const jitter = valueOf(a, 'jitter') ?? 0;
    return latency >= 0 && latency <= MAX_TOXIC_MS && jitter > 0 && latency + jitter > MAX_TOXIC_MS
      ? [
          [
            at('jitter'),
            `latency + jitter above ${MAX_TOXIC_MS} ms overflows the proxy's timer`,
            OVERFLOW_HINT,
          ],
        ]
      : [];
  },
};

function checkToxic(ctx: SourceContext, path: DocPath, toxic: Attributes): Problem[] {
  const type = asString(toxic['type']) as ToxicType | undefined;
  if (type === undefined || !(type in TOXIC_ATTRIBUTES)) return [];
  const attributes = asRecord(toxic['attributes']) ?? {};
  const at = (attribute: string): DocPath => [...path, 'attributes', attribute];
  const found: [DocPath, string, string?][] = [];
  for (const [key, spec] of Object.entries(TOXIC_ATTRIBUTES[type])) {
    const value = attributes[key];
    if (typeof value !== 'number') continue;
    if (value < 0) found.push([at(key), `\`${key}\` must be >= 0: ${NEGATIVE[type]?.[key] ?? 'negative'}`]);
    else if (spec.unit === 'ms' && value > MAX_TOXIC_MS)
      found.push([
        at(key),
        `\`${key}\` above ${MAX_TOXIC_MS} ms overflows the proxy's timer, which then fires almost at once`,
        OVERFLOW_HINT,
      ]);
  }
  found.push(...(RULES[type]?.(attributes, at) ?? []));
  const toxicity = toxic['toxicity'];
  if (typeof toxicity === 'number' && (toxicity < 0 || toxicity > 1))
    found.push([
      [...path, 'toxicity'],
      `\`toxicity\` is the share of connections affected, from 0 to 1 (Toxiproxy takes ${toxicity} as ${toxicity < 0 ? 'never' : 'always'})`,
    ]);
  return found.map(([p, message, hint]) => problemAt(ctx, p, message, hint));
}

/** Toxic attribute values that crash, hang or silently misbehave on real Toxiproxy 2.12. */
export function checkToxicAttributes(ctx: SourceContext): Problem[] {
  return asList(asRecord(ctx.data)?.['faults']).flatMap((raw, i) => {
    const fault = asRecord(raw);
    const toxic = asRecord(fault?.['toxic']);
    if (fault?.['kind'] !== 'toxic' || toxic === undefined) return [];
    return checkToxic(ctx, ['faults', i, 'toxic'], toxic);
  });
}

/**
 * k6-style duration strings, e.g. `500ms`, `30s`, `1m30s`, `2h`.
 *
 * ```
 * duration ::= part { part }
 * part     ::= number unit
 * unit     ::= "ms" | "s" | "m" | "h"
 * ```
 * Pure and free of Node imports: the k6 bundle uses it too.
 */

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;

/** Milliseconds in a k6 duration string, or `undefined` when the string is not one. */
export function parseDurationMs(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  let total = 0;
  let consumed = 0;
  PART.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = PART.exec(trimmed)) !== null) {
    if (match.index !== consumed) return undefined;
    total += Number(match[1]) * (UNIT_MS[match[2] as string] as number);
    consumed = match.index + match[0].length;
  }
  return consumed === trimmed.length ? total : undefined;
}

/** Like {@link parseDurationMs} but throws on a string a validated profile can never hold. */
export function durationMs(text: string): number {
  const ms = parseDurationMs(text);
  if (ms === undefined) throw new RangeError(`not a duration: ${JSON.stringify(text)}`);
  return ms;
}

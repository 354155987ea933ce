/**
 * Report text that every renderer draws its own way: plain words, code (a query, a state), and ids
 * (an order or a trace) that the HTML report links to their waterfall. One model, so Markdown,
 * HTML and JUnit say the same thing.
 */
export type Token =
  | { text: string }
  | { code: string }
  | { id: string; of: IdKind }
  /** A number with its unit, bold in rich renderers (`177 orders`, `1243 ms`). */
  | { strong: string };

/** What an id names; the HTML report links order and trace ids to their waterfall. */
export type IdKind = 'order' | 'trace' | 'other';

/** One line of report text. */
export type RichText = Token[];

/** How many ids a list shows before "and N more". */
export const MAX_LISTED_IDS = 10;

/** `ids` as `a, b, c and 12 more` (at most `max` shown). Pure. */
export function idList(ids: readonly string[], of: IdKind, max = MAX_LISTED_IDS): RichText {
  if (ids.length === 0) return [{ text: 'none' }];
  const out: RichText = [];
  ids.slice(0, max).forEach((id, i) => {
    if (i > 0) out.push({ text: ', ' });
    out.push({ id, of });
  });
  if (ids.length > max) out.push({ text: ` and ${ids.length - max} more` });
  return out;
}

/** The text of a line with no markup (JUnit bodies, CLI lines, tests). Pure. */
export function plainText(line: RichText): string {
  return line
    .map((t) => ('text' in t ? t.text : 'code' in t ? t.code : 'id' in t ? t.id : t.strong))
    .join('');
}

import { FaultlineError } from '../errors.js';
import type { SuiteEntry } from './suite-entry.js';

/** Tag filters of `faultline suite`: `--tag` (any of) and `--exclude-tag` (none of). */
export interface TagFilter {
  tags: readonly string[];
  excludeTags: readonly string[];
}

/** Every tag used by the catalog, sorted. */
export function knownTags(entries: readonly SuiteEntry[]): string[] {
  return [...new Set(entries.flatMap((e) => e.tags))].sort();
}

/**
 * The entries a filter selects, in id order. With `tags`, an entry needs at least one of them;
 * an entry with any of `excludeTags` is dropped. Pure.
 * @throws FaultlineError `ERR_INPUT_SUITE_TAG` for a tag no experiment of the catalog carries
 *   (the message lists the known tags), `ERR_INPUT_SUITE_DUPLICATE` for two files with one id,
 *   `ERR_INPUT_SUITE_EMPTY` when nothing is selected.
 */
export function selectEntries(entries: readonly SuiteEntry[], filter: TagFilter): SuiteEntry[] {
  const known = knownTags(entries);
  const unknown = [...filter.tags, ...filter.excludeTags].filter((t) => !known.includes(t));
  if (unknown.length > 0)
    throw new FaultlineError(
      'ERR_INPUT_SUITE_TAG',
      `unknown tag(s) ${unknown.map((t) => `\`${t}\``).join(', ')}; known tags: ${known.join(', ') || '(none)'}`,
    );
  const byId = new Map<string, SuiteEntry>();
  for (const e of entries) {
    const other = byId.get(e.id);
    if (other !== undefined)
      throw new FaultlineError(
        'ERR_INPUT_SUITE_DUPLICATE',
        `${other.file} and ${e.file} have the same experiment id \`${e.id}\` (the file's base name); rename one`,
      );
    byId.set(e.id, e);
  }
  const selected = [...byId.values()]
    .filter((e) => filter.tags.length === 0 || e.tags.some((t) => filter.tags.includes(t)))
    .filter((e) => !e.tags.some((t) => filter.excludeTags.includes(t)))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (selected.length === 0)
    throw new FaultlineError('ERR_INPUT_SUITE_EMPTY', 'the tag filters select no experiment');
  return selected;
}

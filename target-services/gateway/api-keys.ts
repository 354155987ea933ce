import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * API keys as the gateway holds them: a label and the SHA-256 digest of the key. The key itself
 * is hashed as soon as it is parsed and never stored.
 */
export interface HashedKey {
  /** `name` from a `name:key` entry, else `sha256:<first 8 hex digits>` (safe to log). */
  label: string;
  digest: Buffer;
}

/** A key entry that could not be used, with where it came from. */
export interface KeyProblem {
  source: string;
  message: string;
}

/** Shortest accepted key (characters). */
export const MIN_KEY_LENGTH = 8;
const LABEL = /^[A-Za-z0-9_.-]{1,64}$/;
const KEY = /^[\x21-\x7e]+$/;

/** SHA-256 of a key. */
export function hashKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/**
 * Parses key entries and hashes them. Grammar (one entry per line or comma-separated item):
 *
 * ```
 * entry = [ label ":" ] key        ; label = 1*64( ALPHA / DIGIT / "_" / "." / "-" )
 * key   = 8*( %x21-7E )            ; printable ASCII, no spaces
 * ```
 *
 * Blank items and lines starting with `#` are skipped. The text before the first `:` is a label
 * only when it has the label's shape; otherwise the whole item is the key.
 */
export function parseKeyEntries(
  items: readonly string[],
  source: string,
): { keys: HashedKey[]; problems: KeyProblem[] } {
  const keys: HashedKey[] = [];
  const problems: KeyProblem[] = [];
  items.forEach((raw, i) => {
    const item = raw.trim();
    if (item === '' || item.startsWith('#')) return;
    const where = `${source} entry ${i + 1}`;
    const colon = item.indexOf(':');
    const maybeLabel = colon > 0 ? item.slice(0, colon) : '';
    const [label, key] = LABEL.test(maybeLabel) ? [maybeLabel, item.slice(colon + 1)] : [undefined, item];
    if (key.length < MIN_KEY_LENGTH || !KEY.test(key)) {
      problems.push({
        source: where,
        message: `a key needs at least ${MIN_KEY_LENGTH} printable characters and no spaces`,
      });
      return;
    }
    const digest = hashKey(key);
    keys.push({ label: label ?? `sha256:${digest.toString('hex', 0, 4)}`, digest });
  });
  return { keys, problems };
}

/** Problems of a merged key list: the same label used for two different keys. */
export function duplicateLabels(keys: readonly HashedKey[]): string[] {
  const seen = new Map<string, Buffer>();
  const dupes = new Set<string>();
  for (const k of keys) {
    const prior = seen.get(k.label);
    if (prior && !prior.equals(k.digest)) dupes.add(k.label);
    seen.set(k.label, k.digest);
  }
  return [...dupes];
}

/**
 * Finds the label of `presented` among `keys`, comparing SHA-256 digests in constant time. Every
 * stored digest is compared (no early exit), so timing does not tell which key matched.
 */
export function matchKey(keys: readonly HashedKey[], presented: string): string | undefined {
  const digest = hashKey(presented);
  let found: string | undefined;
  for (const k of keys) if (timingSafeEqual(k.digest, digest) && found === undefined) found = k.label;
  return found;
}

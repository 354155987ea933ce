import type { Comparator } from './margin.js';

/** One clause of an objective as written in a journal, e.g. `p(99)<800` or `recovery.x < 8s`. */
export interface ObjectiveClause {
  /** The left-hand name, if any: `p(99)`, `rate`, `recovery.psp_p50_latency`. */
  name?: string;
  op: Comparator;
  /** The limit; durations with a unit (`8s`, `500ms`, `2m`) are in seconds. */
  limit: number;
}

const CLAUSE =
  /^\s*(?:([A-Za-z_][\w.]*(?:\(\s*[\d.]+\s*\))?)\s*)?(<=|>=|===|==|!=|<|>|=)\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(ms|s|m|h)?(?:\s+[a-z][\w ]*)?\s*$/;

const UNIT_S: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };

/**
 * Parses the objective text a check result carries into clauses, or undefined when a part is not
 * a comparison with a number (e.g. an attribute allow-list). Clauses are separated by `,`.
 *
 * ```bnf
 * objective ::= clause ( "," clause )*
 * clause    ::= name? op number unit? words?
 * op        ::= "<" | "<=" | ">" | ">=" | "==" | "===" | "=" | "!="
 * unit      ::= "ms" | "s" | "m" | "h"
 * ```
 */
export function parseObjectiveClauses(text: string): ObjectiveClause[] | undefined {
  const clauses: ObjectiveClause[] = [];
  for (const part of text.split(',')) {
    const m = CLAUSE.exec(part);
    if (m === null) return undefined;
    const raw = m[2]!;
    const op: Comparator = raw === '===' || raw === '=' ? '==' : (raw as Comparator);
    const limit = Number(m[3]) * (m[4] === undefined ? 1 : (UNIT_S[m[4]] ?? 1));
    clauses.push({ ...(m[1] === undefined ? {} : { name: m[1] }), op, limit });
  }
  return clauses;
}

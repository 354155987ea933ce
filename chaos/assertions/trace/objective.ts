import { ExpressionError } from '../expression-error.js';

/** Comparison operators of an objective such as `< 0.01` or `>= 1`. */
export const OBJECTIVE_OPS = ['<', '<=', '>', '>=', '==', '!='] as const;
export type ObjectiveOp = (typeof OBJECTIVE_OPS)[number];

/** A parsed objective: the observed value must satisfy `observed op value`. */
export interface Objective {
  source: string;
  op: ObjectiveOp;
  value: number;
}

/**
 * Parses `op number` (e.g. `< 0.01`, `>=100`, `== 0`). Throws `ExpressionError` with the position.
 *
 * ```bnf
 * objective ::= ws? op ws? number ws?
 * op        ::= "<" | "<=" | ">" | ">=" | "==" | "!="
 * number    ::= "-"? digit+ ( "." digit+ )?
 * ```
 */
export function parseObjective(source: string): Objective {
  const lead = /^\s*/.exec(source)![0].length;
  const op = [...OBJECTIVE_OPS].sort((a, b) => b.length - a.length).find((o) => source.startsWith(o, lead));
  if (op === undefined)
    throw new ExpressionError(source, lead, 'one of <, <=, >, >=, ==, !=', found(source, lead));
  let at = lead + op.length;
  at += /^\s*/.exec(source.slice(at))![0].length;
  const num = /^-?\d+(\.\d+)?/.exec(source.slice(at));
  if (!num) throw new ExpressionError(source, at, 'a number', found(source, at));
  const end = at + num[0].length;
  const rest = /^\s*/.exec(source.slice(end))![0].length;
  if (end + rest < source.length)
    throw new ExpressionError(source, end + rest, 'end of objective', found(source, end + rest));
  return { source: source.trim(), op, value: Number(num[0]) };
}

function found(source: string, at: number): string {
  return at >= source.length ? 'end of input' : JSON.stringify(source[at]);
}

/** True when `observed` satisfies the objective. */
export function meetsObjective(observed: number, objective: Objective): boolean {
  switch (objective.op) {
    case '<':
      return observed < objective.value;
    case '<=':
      return observed <= objective.value;
    case '>':
      return observed > objective.value;
    case '>=':
      return observed >= objective.value;
    case '==':
      return observed === objective.value;
    case '!=':
      return observed !== objective.value;
  }
}

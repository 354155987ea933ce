import { parser } from '@prometheus-io/lezer-promql';
import { findTypeError, type PromqlSyntaxError } from './promql-types.js';

export type { PromqlSyntaxError } from './promql-types.js';

type Tree = ReturnType<typeof parser.parse>;
type SyntaxNode = Tree['topNode'];

/** A metric name used in a selector, with its 0-based position in the query. */
export interface PromqlMetricName {
  name: string;
  position: number;
}

export interface PromqlSyntax {
  error?: PromqlSyntaxError;
  /** Metric names of every selector (`x{...}`, `{"x"}`, `{__name__="x"}`), in query order. */
  metricNames: PromqlMetricName[];
}

const PAIRS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

/** The first bracket that has no partner, skipping strings and `#` comments. */
function unbalancedBracket(query: string): string | undefined {
  const open: { char: string; at: number }[] = [];
  for (let i = 0; i < query.length; i++) {
    const c = query[i]!;
    if (c === '"' || c === "'" || c === '`') {
      const end = closingQuote(query, i);
      if (end < 0) return `the string opened at character ${i + 1} is never closed`;
      i = end;
    } else if (c === '#') {
      while (i < query.length && query[i] !== '\n') i++;
    } else if (PAIRS[c] !== undefined) {
      open.push({ char: c, at: i });
    } else if (c === ')' || c === ']' || c === '}') {
      const last = open.pop();
      if (last === undefined) return `\`${c}\` at character ${i + 1} has no opening bracket`;
      if (PAIRS[last.char] !== c)
        return `\`${last.char}\` at character ${last.at + 1} is closed by \`${c}\` at character ${i + 1}`;
    }
  }
  const last = open.pop();
  return last === undefined ? undefined : `\`${last.char}\` at character ${last.at + 1} is never closed`;
}

function closingQuote(query: string, start: number): number {
  const quote = query[start];
  for (let i = start + 1; i < query.length; i++) {
    if (query[i] === '\\' && quote !== '`') i++;
    else if (query[i] === quote) return i;
  }
  return -1;
}

function firstError(tree: Tree): SyntaxNode | undefined {
  let found: SyntaxNode | undefined;
  tree.iterate({
    enter: (node) => {
      if (found !== undefined) return false;
      if (node.type.isError) found = node.node;
      return undefined;
    },
  });
  return found;
}

/** True when `name(x)` is a valid call: a PromQL function or aggregation. */
function isCallable(name: string): boolean {
  const tree = parser.parse(`${name}(x)`);
  return firstError(tree) === undefined;
}

/** Names the grammar's node types would have as PromQL words (`HistogramQuantile` → `histogram_quantile`). */
function candidateNames(): string[] {
  return parser.nodeSet.types
    .map((t) => t.name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase())
    .flatMap((n) => [n, n.replace(/_std_(dev|var)/, '_std$1').replace(/_k$/, 'k')])
    .filter((n, i, all) => /^[a-z][a-z0-9_]*$/.test(n) && all.indexOf(n) === i);
}

function describeError(query: string, node: SyntaxNode): PromqlSyntaxError {
  const hint = unbalancedBracket(query);
  const at = node.from;
  if (query.trim() === '') return { position: at, message: 'the query is empty' };
  // An error node is often empty (a missing token): show what stands there instead.
  const rest = query.slice(at).trimStart();
  const position = query.length - rest.length;
  const token = /^([A-Za-z_:][\w:]*|\d[\w.]*|\S)/.exec(rest)?.[0];
  if (token === undefined)
    return { position: query.length, message: 'the query ends too early', ...(hint && { hint }) };
  const called = token === '(' ? /([A-Za-z_][\w]*)\s*$/.exec(query.slice(0, position)) : null;
  if (called !== null && !isCallable(called[1]!)) {
    const name = called[1]!;
    return { position: called.index, message: `unknown function \`${name}\``, ...closestFunction(name) };
  }
  return { position, message: `unexpected \`${token}\``, ...(hint && { hint }) };
}

/** A `did you mean` hint for a misspelt function: the closest name that really is callable. */
function closestFunction(name: string): { hint?: string } {
  const limit = Math.max(1, Math.floor(name.length / 3));
  // On a tie, a name the typo starts (`rat` → `rate`) beats one it merely resembles (`rad`).
  const ranked = candidateNames()
    .map((c): [string, number] => [c, editDistance(name, c) - (c.startsWith(name) ? 0.5 : 0)])
    .filter(([, d]) => d <= limit)
    .sort((x, y) => x[1] - y[1]);
  const best = ranked.find(([c]) => isCallable(c));
  return best === undefined ? {} : { hint: `did you mean \`${best[0]}\`?` };
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length]!;
}

function stringValue(query: string, node: SyntaxNode): string {
  const raw = query.slice(node.from, node.to);
  if (raw.startsWith('`')) return raw.slice(1, -1);
  try {
    return JSON.parse(raw.startsWith("'") ? `"${raw.slice(1, -1).replace(/"/g, '\\"')}"` : raw) as string;
  } catch {
    return raw.slice(1, -1);
  }
}

/** The metric name a `VectorSelector` node selects, if it names one. */
function selectorName(query: string, selector: SyntaxNode): PromqlMetricName | undefined {
  const identifier = selector.getChild('Identifier');
  if (identifier !== null)
    return { name: query.slice(identifier.from, identifier.to), position: identifier.from };
  const matchers = selector.getChild('LabelMatchers');
  // UTF-8 form: `{"metric.name", job="x"}`.
  const quoted = matchers?.getChild('QuotedLabelName')?.getChild('StringLiteral');
  if (quoted) return { name: stringValue(query, quoted), position: quoted.from };
  for (const matcher of matchers?.getChildren('UnquotedLabelMatcher') ?? []) {
    const label = matcher.getChild('LabelName');
    const value = matcher.getChild('StringLiteral');
    const exact = matcher.getChild('MatchOp')?.getChild('EqlSingle');
    if (label && value && exact && query.slice(label.from, label.to) === '__name__')
      return { name: stringValue(query, value), position: value.from };
  }
  return undefined;
}

/**
 * Parses a PromQL query with Prometheus's own grammar (`@prometheus-io/lezer-promql`, the parser
 * of the Prometheus UI). Pure. Returns the first syntax error (lezer marks it with an error node,
 * `type.isError`), else a certain type error (promql-types.ts), and the metric names it selects.
 */
export function parsePromql(query: string): PromqlSyntax {
  const tree = parser.parse(query);
  const error = firstError(tree);
  const metricNames: PromqlMetricName[] = [];
  tree.iterate({
    enter: (node) => {
      if (node.name !== 'VectorSelector') return undefined;
      const found = selectorName(query, node.node);
      if (found !== undefined) metricNames.push(found);
      return false;
    },
  });
  const problem = error === undefined ? findTypeError(query, tree) : describeError(query, error);
  return { ...(problem && { error: problem }), metricNames };
}

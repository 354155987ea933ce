import type { parser } from '@prometheus-io/lezer-promql';

type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

/** The first syntax error in a PromQL query, at a 0-based character position. */
export interface PromqlSyntaxError {
  position: number;
  /** What is wrong there, e.g. "unexpected `)`" or "the query ends too early". */
  message: string;
  /** An unbalanced bracket, when there is one: the likeliest cause of the error. */
  hint?: string;
}

/** Functions whose argument at this index must be a range vector (`x[5m]` or a subquery). */
const RANGE_ARGUMENT: Readonly<Record<string, number>> = {
  rate: 0,
  irate: 0,
  increase: 0,
  delta: 0,
  idelta: 0,
  deriv: 0,
  changes: 0,
  resets: 0,
  predict_linear: 0,
  double_exponential_smoothing: 0,
  quantile_over_time: 1,
};
const argumentIndex = (fn: string): number | undefined =>
  RANGE_ARGUMENT[fn] ?? (fn.endsWith('_over_time') ? 0 : undefined);

/** The node itself, or what a parenthesis wraps. */
function unwrap(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.name === 'ParenExpr' && n.firstChild !== null) n = n.firstChild;
  return n;
}

function args(body: SyntaxNode | null): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = body?.firstChild ?? null; c !== null; c = c.nextSibling) out.push(c);
  return out;
}

/**
 * The two type errors that are certain from the tree alone: a plain selector where a range
 * vector belongs (`rate(x)`), and a range selector given to an aggregation (`sum(x[5m])`).
 * Prometheus refuses both; anything less certain is left to Prometheus.
 */
export function findTypeError(
  query: string,
  tree: ReturnType<typeof parser.parse>,
): PromqlSyntaxError | undefined {
  let found: PromqlSyntaxError | undefined;
  tree.iterate({
    enter: (ref) => {
      if (found !== undefined) return false;
      const node = ref.node;
      if (node.name === 'FunctionCall') {
        const id = node.getChild('FunctionIdentifier');
        const fn = id === null ? '' : query.slice(id.from, id.to);
        const index = argumentIndex(fn);
        const arg = index === undefined ? undefined : args(node.getChild('FunctionCallBody'))[index];
        const inner = arg === undefined ? undefined : unwrap(arg);
        if (arg !== undefined && inner?.name === 'VectorSelector')
          found = {
            position: arg.from,
            message: `\`${fn}\` needs a range vector here, such as \`${query.slice(inner.from, inner.to)}[5m]\``,
          };
      } else if (node.name === 'AggregateExpr') {
        const op = node.getChild('AggregateOp');
        const vector = args(node.getChild('FunctionCallBody')).at(-1);
        if (op !== null && vector !== undefined && unwrap(vector).name === 'MatrixSelector')
          found = {
            position: vector.from,
            message: `\`${query.slice(op.from, op.to)}\` needs an instant vector, not the range \`${query.slice(vector.from, vector.to)}\``,
            hint: 'wrap it in rate(), increase() or an *_over_time() function',
          };
      }
      return undefined;
    },
  });
  return found;
}

import { ExpressionError } from '../assertions/expression-error.js';
import { parseObjective } from '../assertions/promql/objective-parser.js';
import { parseRecoveryObjective } from '../assertions/recovery/recovery-parser.js';
import { parseThreshold } from '../assertions/threshold/threshold-parser.js';
import { parseObjective as parseTraceObjective } from '../assertions/trace/objective.js';
import { parseSelector } from '../assertions/trace/selector-parser.js';
import type { SourceContext } from './issue-to-problem.js';
import { formatPath, type DocPath, type Problem } from './problem.js';
import { asList, asRecord, asString } from './raw-access.js';
import { locate, offsetInScalar, positionOf } from './yaml-locator.js';

type Parser = (source: string) => unknown;

/** Which expression fields each check type has, and the parser that owns their grammar. */
const FIELDS: Record<string, readonly (readonly [field: string, parser: Parser, list: boolean])[]> = {
  threshold: [['thresholds', parseThreshold, true]],
  promql: [['objective', parseObjective, false]],
  recovery: [
    ['objective', parseRecoveryObjective, false],
    ['sliObjective', parseObjective, false],
  ],
  trace: [
    ['select', parseSelector, false],
    ['match', parseSelector, false],
    ['when', parseSelector, false],
    ['forbid', parseSelector, false],
    ['require', parseSelector, true],
    ['objective', parseTraceObjective, false],
    ['linked', parseTraceObjective, false],
    ['orphans', parseTraceObjective, false],
  ],
  'critical-path': [
    ['select', parseSelector, false],
    ['objective', parseTraceObjective, false],
  ],
};

/** Every check in the document with its path. */
export function checkPaths(data: unknown): DocPath[] {
  const root = asRecord(data);
  const paths: DocPath[] = [];
  for (const list of ['steadyState', 'assertions'] as const) {
    asList(root?.[list]).forEach((_, i) => paths.push([list, i]));
  }
  asList(root?.['guards']).forEach((_, i) => paths.push(['guards', i, 'check']));
  if (root?.['evidence'] !== undefined) paths.push(['evidence']);
  return paths;
}

function valueAt(data: unknown, path: DocPath): unknown {
  return path.reduce<unknown>(
    (v, p) => (asRecord(v) ?? (Array.isArray(v) ? v : undefined))?.[p as never],
    data,
  );
}

/** Parses one expression and turns an ExpressionError into a problem at the exact column. */
function checkExpression(ctx: SourceContext, source: string, path: DocPath, parse: Parser): Problem[] {
  try {
    parse(source);
    return [];
  } catch (err) {
    if (!(err instanceof ExpressionError)) throw err;
    const node = locate(ctx.doc, path).node;
    const { line, column } = positionOf(ctx.lines, offsetInScalar(node, ctx.text, err.position));
    const found = source.slice(err.position, err.position + 12);
    const at = found === '' ? 'at the end' : `at \`${found}\``;
    return [
      {
        file: ctx.file,
        line,
        column,
        path: formatPath(path),
        message: `expected ${err.expected} ${at}`,
        hint: `in \`${source}\``,
      },
    ];
  }
}

/** Validates every expression string with the grammar of the assertion that will evaluate it. */
export function checkExpressions(ctx: SourceContext): Problem[] {
  const problems: Problem[] = [];
  for (const path of checkPaths(ctx.data)) {
    const check = asRecord(valueAt(ctx.data, path));
    for (const [field, parse, isList] of FIELDS[asString(check?.['type']) ?? ''] ?? []) {
      const value = check?.[field];
      const items: [DocPath, unknown][] = isList
        ? asList(value).map((v, j): [DocPath, unknown] => [[...path, field, j], v])
        : [[[...path, field], value]];
      for (const [at, item] of items) {
        if (typeof item === 'string') problems.push(...checkExpression(ctx, item, at, parse));
      }
    }
  }
  return problems;
}

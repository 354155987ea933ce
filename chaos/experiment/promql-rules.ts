import { parsePromql } from '../assertions/promql/promql-syntax.js';
import { checkPaths } from './expression-rules.js';
import type { SourceContext } from './issue-to-problem.js';
import { formatPath, type DocPath, type Problem } from './problem.js';
import { asRecord, asString } from './raw-access.js';
import { locate, offsetInScalar, positionOf } from './yaml-locator.js';

/** The PromQL fields of each check type: every query Prometheus will be asked to evaluate. */
const PROMQL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  promql: ['query'],
  recovery: ['query'],
};

/** One PromQL query of the experiment and where it is. */
export interface PromqlQuery {
  path: DocPath;
  query: string;
}

/** Every PromQL query in the document: promql and recovery checks in steadyState, assertions, guards and evidence. */
export function promqlQueries(data: unknown): PromqlQuery[] {
  const queries: PromqlQuery[] = [];
  for (const path of checkPaths(data)) {
    const check = asRecord(
      path.reduce<unknown>((v, p) => (v as Record<string | number, unknown>)?.[p], data),
    );
    for (const field of PROMQL_FIELDS[asString(check?.['type']) ?? ''] ?? []) {
      const query = check?.[field];
      if (typeof query === 'string' && query !== '') queries.push({ path: [...path, field], query });
    }
  }
  return queries;
}

/** Where character `index` of the query at `path` is in the file. */
export function queryPosition(ctx: SourceContext, path: DocPath, index: number) {
  return positionOf(ctx.lines, offsetInScalar(locate(ctx.doc, path).node, ctx.text, index));
}

/**
 * Parses every PromQL query with Prometheus's grammar, so that a typo fails `validate` instead of
 * the end of a run. The problem points at the error inside the query, and says where that is
 * counted from the query's first character.
 */
export function checkPromqlSyntax(ctx: SourceContext): Problem[] {
  return promqlQueries(ctx.data).flatMap(({ path, query }): Problem[] => {
    const { error } = parsePromql(query);
    if (error === undefined) return [];
    const { line, column } = queryPosition(ctx, path, error.position);
    const shown = query.replace(/\s+/g, ' ').trim();
    return [
      {
        file: ctx.file,
        line,
        column,
        path: formatPath(path),
        message: `PromQL error at character ${error.position + 1} of \`${shown}\`: ${error.message}`,
        ...(error.hint !== undefined && { hint: error.hint }),
      },
    ];
  });
}

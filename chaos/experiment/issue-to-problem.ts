import type { Document, LineCounter } from 'yaml';
import type { z } from 'zod';
import { didYouMean } from './closest-name.js';
import { formatPath, type DocPath, type Problem } from './problem.js';
import { allowedKeysAt } from './schema-keys.js';
import { locate, nodeOffset, positionOf } from './yaml-locator.js';

/** What the loader needs to place a problem in the file. */
export interface SourceContext {
  file: string;
  /** The file's text, for columns inside scalars. */
  text: string;
  doc: Document;
  lines: LineCounter;
  data: unknown;
}

/** A problem at `path`: at its value if present, else at the deepest existing ancestor. */
export function problemAt(
  ctx: SourceContext,
  path: DocPath,
  message: string,
  hint?: string,
  atKey = false,
): Problem {
  const found = locate(ctx.doc, path);
  const node = atKey && found.complete && found.keyNode !== null ? found.keyNode : found.node;
  const { line, column } = positionOf(ctx.lines, nodeOffset(node));
  return {
    file: ctx.file,
    line,
    column,
    path: formatPath(path),
    message,
    ...(hint === undefined ? {} : { hint }),
  };
}

function valueAt(data: unknown, path: DocPath): unknown {
  let value = data;
  for (const part of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Uint8Array) return 'binary data';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function listValues(values: readonly unknown[]): string {
  return values.map((v) => String(v)).join(', ');
}

/** Maps one zod issue onto one or more located problems. */
export function issueToProblems(ctx: SourceContext, schema: z.ZodType, issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path as (string | number)[];
  const value = valueAt(ctx.data, path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeysAt(schema, ctx.data, path);
      return issue.keys.map((key) =>
        problemAt(
          ctx,
          [...path, key],
          `unknown key \`${key}\``,
          didYouMean(key, allowed) ?? allowedHint(allowed),
          true,
        ),
      );
    }
    case 'invalid_type':
      if (value === undefined)
        return [problemAt(ctx, path, `required key is missing (expected ${issue.expected})`)];
      return [problemAt(ctx, path, `expected ${issue.expected}, got ${describeType(value)}`)];
    case 'invalid_value': {
      if (value === undefined)
        return [problemAt(ctx, path, `required key is missing (one of ${listValues(issue.values)})`)];
      const hint = typeof value === 'string' ? didYouMean(value, issue.values.map(String)) : undefined;
      return [
        problemAt(ctx, path, `expected one of ${listValues(issue.values)}, got ${describeType(value)}`, hint),
      ];
    }
    case 'invalid_union': {
      if ('discriminator' in issue && typeof issue.discriminator === 'string') {
        const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
        const at = path[path.length - 1] === issue.discriminator ? path : [...path, issue.discriminator];
        const given = valueAt(ctx.data, at);
        if (given === undefined)
          return [problemAt(ctx, at, `required key is missing (one of ${options.join(', ')})`)];
        const hint = typeof given === 'string' ? didYouMean(given, options) : undefined;
        return [
          problemAt(ctx, at, `expected one of ${options.join(', ')}, got ${describeType(given)}`, hint),
        ];
      }
      return [problemAt(ctx, path, issue.message)];
    }
    case 'too_small':
    case 'too_big':
      return [problemAt(ctx, path, `${issue.message.replace(/^Too (small|big): /, '')}`)];
    case 'custom':
    case 'invalid_element':
    case 'invalid_format':
    case 'invalid_key':
    case 'not_multiple_of':
      return [problemAt(ctx, path, issue.message.replace(/^Invalid string: /, ''))];
  }
}

function allowedHint(allowed: readonly string[]): string | undefined {
  return allowed.length === 0 ? undefined : `allowed: ${allowed.join(', ')}`;
}

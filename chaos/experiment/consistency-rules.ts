import { checkPaths } from './expression-rules.js';
import type { SourceContext } from './issue-to-problem.js';
import { problemAt } from './issue-to-problem.js';
import type { DocPath, Problem } from './problem.js';
import { asList, asRecord, asString } from './raw-access.js';

function firstSeen(
  values: readonly [DocPath, string | undefined][],
  what: string,
  ctx: SourceContext,
): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const [path, value] of values) {
    if (value === undefined) continue;
    if (seen.has(value))
      problems.push(problemAt(ctx, path, `duplicate ${what} \`${value}\``, `${what}s must be unique`));
    seen.add(value);
  }
  return problems;
}

/** Names and ids are unique (they key journal entries and JUnit test cases); guards can be polled. */
export function checkConsistency(ctx: SourceContext): Problem[] {
  const root = asRecord(ctx.data);
  const faultNames = asList(root?.['faults']).map((f, i): [DocPath, string | undefined] => [
    ['faults', i, 'name'],
    asString(asRecord(f)?.['name']),
  ]);
  const guardNames = asList(root?.['guards']).map((g, i): [DocPath, string | undefined] => [
    ['guards', i, 'name'],
    asString(asRecord(g)?.['name']),
  ]);
  const checkIds = checkPaths(ctx.data).map((path): [DocPath, string | undefined] => {
    const check = path.reduce<unknown>(
      (v, p) => (v as Record<string | number, unknown> | undefined)?.[p],
      root,
    );
    return [[...path, 'id'], asString(asRecord(check)?.['id'])];
  });
  const problems = [
    ...firstSeen(faultNames, 'fault name', ctx),
    ...firstSeen(guardNames, 'guard name', ctx),
    ...firstSeen(checkIds, 'check id', ctx),
  ];
  asList(root?.['guards']).forEach((g, i) => {
    const type = asString(asRecord(asRecord(g)?.['check'])?.['type']);
    if (type === 'recovery') {
      problems.push(
        problemAt(
          ctx,
          ['guards', i, 'check', 'type'],
          'a guard cannot be a recovery check',
          'guards are polled during inject; use a promql or threshold check',
        ),
      );
    }
  });
  return problems;
}

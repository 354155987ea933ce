import { formatProblem, type Problem } from '../experiment/problem.js';
import type { CliContext } from './context.js';

/**
 * Prints an experiment's problems and warnings on stderr, one `file:line:column  path  message`
 * line each, in file order. `validate`, `plan` and `run` print them alike, so a warning seen at
 * `validate` is not lost at `run`.
 */
export function printProblems(
  ctx: Pick<CliContext, 'stderr'>,
  problems: readonly Problem[],
  warnings: readonly Problem[],
): void {
  const shown = [...problems, ...warnings].sort((a, b) => a.line - b.line || a.column - b.column);
  for (const problem of shown) ctx.stderr.write(`${formatProblem(problem)}\n`);
}

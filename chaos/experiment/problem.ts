/** A path into the experiment document: keys and sequence indexes. */
export type DocPath = readonly (string | number)[];

/** One problem in an experiment file, pointing at a 1-based line and column. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  /** The key path, e.g. `faults[0].toxic.attributes.latency`. */
  path: string;
  message: string;
  hint?: string;
  /** Absent for errors. A warning is shown but does not make the file invalid. */
  severity?: 'warning';
}

/** `faults[0].toxic.type` from `['faults', 0, 'toxic', 'type']`; `(top level)` when empty. */
export function formatPath(path: DocPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out === '' ? '(top level)' : out;
}

/** `file:line:column  path  message (hint)`: the one line format of every problem. */
export function formatProblem(p: Problem): string {
  const hint = p.hint === undefined ? '' : ` (${p.hint})`;
  const warning = p.severity === 'warning' ? 'warning: ' : '';
  return `${p.file}:${p.line}:${p.column}  ${p.path}  ${warning}${p.message}${hint}`;
}

/** Problems in reading order: by line, then column. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column || a.path.localeCompare(b.path));
}

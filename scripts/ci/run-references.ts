/**
 * What a shell command line names: scripts it runs, npm scripts, faultline subcommands and
 * repository paths. Pure: used by workflows.test.ts to check that every `run:` step of the GitHub
 * workflows (and the scripts those steps call) names things that exist.
 */

export type ReferenceKind = 'script' | 'npm-script' | 'faultline' | 'path';

/** One thing a command names, with where it was found (for the error message). */
export interface Reference {
  kind: ReferenceKind;
  /**
   * A path for `script`/`path`, a script name for `npm-script`; for `faultline` the first two plain
   * words after the CLI (`suite merge`, or `validate experiments`: the second may be an argument).
   */
  name: string;
  where: string;
}

const OPERATORS = new Set(['&&', '||', '|', ';', '&', '(', ')', '{', '}', '!', 'then', 'do', 'else']);
const NPM_NAMED = new Set(['test', 'start', 'stop', 'restart']);
const FAULTLINE = new Set(['bin/faultline.js', './bin/faultline.js']);
const PLAIN = /^[a-z][a-z0-9-]*$/;
/** A relative path inside the repository: `a/b`, `./a`, `.ci/run`, `a/b-*`, `dir/`. */
const REPO_PATH = /^(\.\/)?\.?[A-Za-z_][\w.@-]*(\/[\w.@*-]+)*\/?$/;

/**
 * Splits shell text into words: quotes group, `#` starts a comment, backslash-newline joins lines,
 * `${{ … }}` (a workflow expression) stays inside its word, and operators are words of their own.
 */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote = '';
  const flush = (): void => {
    if (word !== '') words.push(word);
    word = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote !== '') {
      if (c === quote) quote = '';
      else word += c;
    } else if (c === "'" || c === '"') quote = c;
    else if (text.startsWith('${{', i)) {
      const end = text.indexOf('}}', i);
      word += text.slice(i, end < 0 ? text.length : end + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '\\' && text[i + 1] === '\n') i++;
    else if (c === '#' && word === '') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end - 1;
    } else if (c === '\n' || c === ';' || c === '`' || c === '(' || c === ')') {
      flush();
      words.push(c === '\n' || c === '`' ? ';' : c);
    } else if (/\s/.test(c)) flush();
    else if ((c === '&' || c === '|') && text[i + 1] === c) {
      flush();
      words.push(c + c);
      i++;
    } else if (c === '|') {
      flush();
      words.push('|');
    } else word += c;
  }
  flush();
  return words;
}

/** Splits words into simple commands at operators and line ends. */
function commands(words: readonly string[]): string[][] {
  const out: string[][] = [[]];
  for (const w of words) {
    if (OPERATORS.has(w)) out.push([]);
    else out.at(-1)?.push(w);
  }
  return out.filter((c) => c.length > 0);
}

const dynamic = (w: string): boolean => w.includes('$');
const firstArg = (args: readonly string[]): string | undefined => args.find((a) => !a.startsWith('-'));

/** References of one simple command (words after any `VAR=value` prefixes). */
function commandReferences(cmd: readonly string[], where: string, paths: boolean): Reference[] {
  const words = cmd.slice(cmd.findIndex((w) => !/^[A-Z_][A-Z0-9_]*=/.test(w)));
  const [head, ...args] = words;
  const refs: Reference[] = [];
  const add = (kind: ReferenceKind, name: string | undefined): void => {
    if (name !== undefined && !dynamic(name)) refs.push({ kind, name, where });
  };
  if (head === undefined) return refs;
  if (head === 'bash' || head === 'sh') add('script', firstArg(args));
  else if (head === 'node' || FAULTLINE.has(head)) {
    const script = head === 'node' ? firstArg(args) : head;
    if (head === 'node') add('script', script?.replace(/^\.\//, ''));
    if (script !== undefined && FAULTLINE.has(script)) {
      const rest = head === 'node' ? args.slice(args.indexOf(script) + 1) : args;
      const [cmd1, cmd2] = rest;
      if (cmd1 !== undefined && PLAIN.test(cmd1))
        add('faultline', cmd2 !== undefined && PLAIN.test(cmd2) ? `${cmd1} ${cmd2}` : cmd1);
    }
  } else if (head === 'npm' && (args[0] === 'run' || args[0] === 'run-script'))
    add('npm-script', firstArg(args.slice(1)));
  else if (head === 'npm' && args[0] !== undefined && NPM_NAMED.has(args[0])) add('npm-script', args[0]);
  if (paths) {
    const named = new Set(refs.map((r) => r.name));
    for (const w of args)
      if (!named.has(w) && !dynamic(w) && w.includes('/') && REPO_PATH.test(w)) add('path', w);
  }
  return refs;
}

/**
 * Every reference in shell `text`. With `paths`, also every word that is a relative repository path
 * (for workflow `run:` steps; not for whole scripts, whose usage texts hold path-like words).
 */
export function runReferences(text: string, where: string, paths = true): Reference[] {
  return commands(shellWords(text)).flatMap((c) => commandReferences(c, where, paths));
}

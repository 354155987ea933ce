// ESLint rule `faultline/no-type-cycle`: no import cycle among the repository's TypeScript files,
// counting `import type` too. import-x/no-cycle follows runtime imports only (TypeScript erases
// type imports), and both cycles of issue 16 had one type-only side:
// run-experiment -> run-session -> (type) run-experiment, proxy -> metrics -> (type) proxy.
//
//   scan every .ts file under the roots once (relative `import`/`export ... from` specifiers)
//     -> resolve `./x.js` to `x.ts` or `x/index.ts` -> strongly connected components (Tarjan)
//     -> report each import whose target lies in the importing file's own component
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SPECIFIER = /(?:^|[\n;])\s*(?:(?:import|export)\s[^;]*?\bfrom\s*|import\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/** @type {Map<string, { component: Set<string> | undefined, imports: Map<string, string> }> | undefined} */
let graph;

function listTs(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listTs(path, out);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function resolveSpecifier(from, specifier, files) {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')])
    if (files.has(candidate)) return candidate;
  return undefined;
}

/** Builds the import graph of `roots` and each file's strongly connected component (if > 1 file). */
function buildGraph(roots) {
  const files = new Set(roots.flatMap((root) => listTs(root, [])));
  const edges = new Map();
  for (const file of files) {
    const imports = new Map();
    for (const match of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const target = resolveSpecifier(file, match[1], files);
      if (target !== undefined) imports.set(match[1], target);
    }
    edges.set(file, imports);
  }
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const componentOf = new Map();
  let next = 0;
  const connect = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v).values()) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) !== index.get(v)) return;
    const component = new Set();
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.add(w);
    } while (w !== v);
    if (component.size > 1) for (const member of component) componentOf.set(member, component);
  };
  for (const file of files) if (!index.has(file)) connect(file);
  return new Map([...files].map((f) => [f, { component: componentOf.get(f), imports: edges.get(f) }]));
}

/** @param {{ roots: string[] }} options absolute folders to scan */
export function noTypeCycle({ roots }) {
  return {
    meta: {
      type: 'problem',
      docs: { description: 'forbid import cycles, type-only imports included' },
      schema: [],
      messages: { cycle: 'import cycle (type imports included) through {{files}}' },
    },
    create(context) {
      graph ??= buildGraph(roots);
      const node = graph.get(resolve(context.physicalFilename));
      if (node?.component === undefined) return {};
      const check = (declaration) => {
        const target = declaration.source && node.imports.get(declaration.source.value);
        if (target === undefined || !node.component.has(target)) return;
        const files = [...node.component].map((f) => relative(process.cwd(), f)).sort();
        context.report({ node: declaration.source, messageId: 'cycle', data: { files: files.join(', ') } });
      };
      return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
    },
  };
}

import { parse } from 'acorn';

/** Exports every Faultline k6 script must have. */
export const REQUIRED_K6_EXPORTS = ['options', 'default', 'handleSummary'] as const;

/**
 * Checks a bundled k6 script is plain ES2017 (acorn rejects `?.`, `??`, object spread, ... at
 * `ecmaVersion: 2017`), imports nothing but `k6` modules, and exports `options`, `default` and
 * `handleSummary`. Returns every problem; empty means valid. Pure.
 */
export function verifyK6Bundle(text: string): string[] {
  let program: ReturnType<typeof parse>;
  try {
    program = parse(text, { ecmaVersion: 2017, sourceType: 'module' });
  } catch (err) {
    return [`not valid ES2017: ${err instanceof Error ? err.message : String(err)}`];
  }
  const problems: string[] = [];
  const exported = new Set<string>();
  for (const node of program.body) {
    if (node.type === 'ImportDeclaration') {
      const source = String(node.source.value);
      if (source !== 'k6' && !source.startsWith('k6/')) problems.push(`imports a non-k6 module: ${source}`);
    } else if (node.type === 'ExportDefaultDeclaration') {
      exported.add('default');
    } else if (node.type === 'ExportNamedDeclaration') {
      for (const spec of node.specifiers) exported.add(exportName(spec.exported));
      const decl = node.declaration;
      if (decl?.type === 'FunctionDeclaration' && decl.id) exported.add(decl.id.name);
      if (decl?.type === 'VariableDeclaration') {
        for (const d of decl.declarations) if (d.id.type === 'Identifier') exported.add(d.id.name);
      }
    }
  }
  for (const name of REQUIRED_K6_EXPORTS) if (!exported.has(name)) problems.push(`missing export: ${name}`);
  return problems;
}

function exportName(node: { type: string; name?: string; value?: unknown }): string {
  return node.type === 'Identifier' ? (node.name ?? '') : String(node.value);
}

import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { DocPath } from './problem.js';

/** 1-based line and column. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** Where a path lands in the YAML tree: the deepest node reached, and the key node if a map entry. */
export interface Located {
  node: Node | null;
  keyNode: Node | null;
  /** True when the whole path was found. */
  complete: boolean;
}

/** Walks `path` through maps and sequences as far as it exists. */
export function locate(doc: Document, path: DocPath): Located {
  let node: Node | null = doc.contents ?? null;
  let keyNode: Node | null = null;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(part));
      if (pair === undefined) return { node, keyNode, complete: false };
      keyNode = pair.key as Node;
      node = (pair.value as Node | null) ?? keyNode;
    } else if (isSeq(node) && typeof part === 'number' && node.items[part] !== undefined) {
      keyNode = null;
      node = node.items[part] as Node;
    } else {
      return { node, keyNode, complete: false };
    }
  }
  return { node, keyNode, complete: true };
}

/** Position of a character offset. */
export function positionOf(lines: LineCounter, offset: number): SourcePosition {
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

/** Start offset of a node (0 when the node has no range, e.g. an empty document). */
export function nodeOffset(node: Node | null): number {
  return node?.range?.[0] ?? 0;
}

/**
 * Offset of the character at `index` inside a scalar's value, for pointing into expressions.
 * Exact for plain and single-line quoted scalars; other styles point at the scalar's start.
 */
export function offsetInScalar(node: Node | null, source: string, index: number): number {
  if (!isScalar(node) || node.range === undefined || node.range === null) return nodeOffset(node);
  const start = node.range[0];
  const raw = source.slice(start, node.range[1]);
  if (node.type === 'PLAIN' && !raw.includes('\n')) return start + index;
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  if (quoted && !raw.includes('\n') && !raw.includes('\\') && !raw.slice(1, -1).includes("''")) {
    return start + 1 + index;
  }
  return start;
}

import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Scalar } from 'yaml';
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

/** Where a scalar's characters start and end in the source, without quotes or block header. */
function contentRange(node: Scalar, source: string): [number, number] {
  const [start, end] = node.range ?? [0, 0];
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') return [start + 1, end - 1];
  if (node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL') {
    const header = source.indexOf('\n', start);
    return [header < 0 || header > end ? end : header + 1, end];
  }
  return [start, end];
}

const SPACE = /\s/;

/**
 * Offset of the character at `index` inside a scalar's value, for pointing into expressions.
 * YAML changes only whitespace when it folds plain, quoted and block scalars, so the n-th
 * non-space character of the value is the n-th of the source: exact for every style, multi-line
 * included. When escapes (`\"`, `''`) make the two differ, it points at the scalar's start.
 */
export function offsetInScalar(node: Node | null, source: string, index: number): number {
  if (!isScalar(node) || node.range === undefined || node.range === null) return nodeOffset(node);
  const value = String(node.value);
  const [from, to] = contentRange(node, source);
  const offsets: number[] = [];
  for (let j = from; j < to; j++) if (!SPACE.test(source[j]!)) offsets.push(j);
  let n = 0;
  let last: [valueIndex: number, offset: number] = [-1, from - 1];
  for (let i = 0; i < value.length; i++) {
    if (SPACE.test(value[i]!)) continue;
    const at = offsets[n++];
    if (at === undefined || source[at] !== value[i]) return node.range[0];
    if (i >= index) return i === index ? at : last[1] + (index - last[0]);
    last = [i, at];
  }
  if (n !== offsets.length) return node.range[0];
  return last[1] + (index - last[0]);
}

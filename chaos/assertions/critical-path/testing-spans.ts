import type { PathSpan, SpanRole } from './path-span.js';

/**
 * A hand-built span for unit tests: `span(id, parent, 'service', 'name', role, start, end)`.
 * Ids are small numbers; a parent of `undefined` makes a root.
 */
export function span(
  id: number,
  parentId: number | undefined,
  service: string,
  name: string,
  role: SpanRole,
  startMs: number,
  endMs: number,
): PathSpan {
  return { id, parentId, service, name, role, startMs, endMs };
}

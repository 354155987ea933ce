import type { DuckDBValue } from '@duckdb/node-api';
import { promotedColumn } from '../../telemetry/promoted-attributes.js';
import { SPANS_TABLE } from '../../telemetry/spans-schema.js';
import type { Condition, FieldRef, Selector, SelectorStep } from './selector-ast.js';

/** SQL text with positional `?` placeholders and their values, in order. */
export interface SqlFragment {
  sql: string;
  params: DuckDBValue[];
}

/** A half-open window on span start time `[fromUnixNano, toUnixNano)`; either end may be open. */
export interface TimeWindow {
  fromUnixNano?: bigint;
  toUnixNano?: bigint;
}

/**
 * Compiles a selector to `SELECT * FROM spans ...` returning the spans matched by its last step.
 * Every user value is a bound parameter. Child steps semi-join on (trace_id, parent_span_id); a
 * descendant step walks the ancestor's subtree with a recursive CTE. The window, if any, applies to
 * the selected (last-step) spans.
 */
export function selectorToSql(selector: Selector, window: TimeWindow = {}): SqlFragment {
  let current: SqlFragment | undefined;
  selector.steps.forEach((step, index) => {
    const last = index === selector.steps.length - 1;
    const where = and([stepPredicate(step, 'c'), last ? windowPredicate(window, 'c') : undefined]);
    if (current === undefined) {
      current = frag(`SELECT c.* FROM ${SPANS_TABLE} c WHERE ${where.sql}`, where.params);
      return;
    }
    const parents = step.combinator === 'child' ? current : subtree(current);
    current = frag(
      `SELECT c.* FROM ${SPANS_TABLE} c SEMI JOIN (${parents.sql}) p ` +
        `ON c.trace_id = p.trace_id AND c.parent_span_id = p.span_id WHERE ${where.sql}`,
      [...parents.params, ...where.params],
    );
  });
  return current!;
}

/** Every span of the subtrees rooted at `roots` (roots included), as (trace_id, span_id). */
function subtree(roots: SqlFragment): SqlFragment {
  return frag(
    `WITH RECURSIVE d(trace_id, span_id) AS (SELECT trace_id, span_id FROM (${roots.sql}) ` +
      `UNION SELECT k.trace_id, k.span_id FROM ${SPANS_TABLE} k JOIN d ` +
      `ON k.trace_id = d.trace_id AND k.parent_span_id = d.span_id) SELECT trace_id, span_id FROM d`,
    roots.params,
  );
}

/** The conjunction of one step's conditions over table alias `alias`. */
export function stepPredicate(step: SelectorStep, alias: string): SqlFragment {
  return and(step.conditions.map((c) => conditionSql(c, alias)));
}

export function windowPredicate(window: TimeWindow, alias: string): SqlFragment | undefined {
  const parts: SqlFragment[] = [];
  if (window.fromUnixNano !== undefined)
    parts.push(frag(`${alias}.start_unix_nano >= ?`, [window.fromUnixNano]));
  if (window.toUnixNano !== undefined) parts.push(frag(`${alias}.start_unix_nano < ?`, [window.toUnixNano]));
  return parts.length === 0 ? undefined : and(parts);
}

const COLUMNS = {
  name: 'name',
  service: 'service_name',
  kind: 'kind',
  status: 'status_code',
  duration: 'duration_ms',
};

/**
 * A field's SQL: a column, a promoted attribute's column, or a JSON extraction from the generic
 * `attributes` / `resource_attributes` column (both yield the same text for the same span).
 */
export function fieldSql(field: FieldRef, alias: string): SqlFragment {
  if (field.type === 'attribute') {
    const column = promotedColumn(field.key);
    if (column !== undefined) return frag(`${alias}.${column}`, []);
  }
  if (field.type === 'attribute' || field.type === 'resource') {
    const column = field.type === 'attribute' ? 'attributes' : 'resource_attributes';
    return frag(`json_extract_string(${alias}.${column}, ?)`, [`$."${field.key}"`]);
  }
  return frag(`${alias}.${COLUMNS[field.type]}`, []);
}

function conditionSql(c: Condition, alias: string): SqlFragment {
  const field = fieldSql(c.field, alias);
  if (c.op === 'exists') return frag(`(${field.sql} IS NOT NULL)`, field.params);
  const literal = c.value!;
  const numeric = literal.type === 'number';
  const isAttr = c.field.type === 'attribute' || c.field.type === 'resource';
  const lhs = numeric && isAttr ? `TRY_CAST(${field.sql} AS DOUBLE)` : field.sql;
  const value = literal.type === 'boolean' ? String(literal.value) : literal.value;
  const params = [...field.params, value];
  switch (c.op) {
    case 'contains':
      return frag(`contains(${lhs}, ?)`, params);
    case 'glob':
      return frag(`(${lhs} GLOB ?)`, params);
    case '=~':
      return frag(`regexp_full_match(${lhs}, ?)`, params);
    case '!=':
      return frag(`(${lhs} <> ?)`, params);
    case '=':
    case '<':
    case '<=':
    case '>':
    case '>=':
      return frag(`(${lhs} ${c.op} ?)`, params);
  }
}

export function frag(sql: string, params: DuckDBValue[]): SqlFragment {
  return { sql, params };
}

/** `a AND b AND ...`, skipping undefined parts; `TRUE` when empty. */
export function and(parts: readonly (SqlFragment | undefined)[]): SqlFragment {
  const present = parts.filter((p): p is SqlFragment => p !== undefined);
  if (present.length === 0) return frag('TRUE', []);
  return frag(
    present.map((p) => `(${p.sql})`).join(' AND '),
    present.flatMap((p) => p.params),
  );
}

import type { SpanKindName, StatusCodeName } from '../../telemetry/span-row.js';

/** Comparison operators of a selector condition (`exists` takes no value). */
export const SELECTOR_OPS = ['=', '!=', '<', '<=', '>', '>=', 'contains', '=~', 'glob', 'exists'] as const;
export type SelectorOp = (typeof SELECTOR_OPS)[number];

/** A field a condition tests: a stored column, a span attribute or a resource attribute. */
export type FieldRef =
  | { type: 'name' | 'service' | 'kind' | 'status' | 'duration' }
  | { type: 'attribute'; key: string }
  | { type: 'resource'; key: string };

export type Literal =
  { type: 'string'; value: string } | { type: 'number'; value: number } | { type: 'boolean'; value: boolean };

/** `field op value`; `value` is absent only for `exists`. `position` is the field's offset. */
export interface Condition {
  field: FieldRef;
  op: SelectorOp;
  value?: Literal;
  position: number;
}

/** How a step relates to the previous one: its parent matches it, or some ancestor does. */
export type Combinator = 'child' | 'descendant';

/** One `span[...]`; all conditions must hold. */
export interface SelectorStep {
  combinator: Combinator | null;
  conditions: Condition[];
}

/** A parsed selector: the spans matched by the last step, constrained by the earlier ones. */
export interface Selector {
  source: string;
  steps: SelectorStep[];
}

export type { SpanKindName, StatusCodeName };

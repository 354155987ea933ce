/** Trace assertions' public surface: selectors, assertion specs, and running them against a store. */
export { parseSelector } from './selector-parser.js';
export type { Selector } from './selector-ast.js';
export type { TimeWindow } from './selector-sql.js';
export {
  runTraceAssertion,
  runTraceAssertions,
  validateTraceAssertion,
  type RunTraceOptions,
} from './run-trace-assertions.js';
export {
  TRACE_ASSERTION_KINDS,
  DURATION_STATS,
  type TraceAssertion,
  type TraceAssertionKind,
} from './trace-assertion.js';

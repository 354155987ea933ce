import { LineCounter, parseDocument } from 'yaml';
import { checkConsistency } from './consistency-rules.js';
import { experimentSchema, type Experiment } from './experiment-schema.js';
import { checkExpressions } from './expression-rules.js';
import { issueToProblems, type SourceContext } from './issue-to-problem.js';
import { applyKubernetesOverride, type KubernetesOverride } from './kubernetes-override.js';
import { checkMetricNames } from './metric-name-rules.js';
import { sortProblems, type Problem } from './problem.js';
import { checkPromqlSyntax } from './promql-rules.js';
import { checkTargets } from './target-rules.js';
import { checkFaultTiming } from './timing-rules.js';
import { checkToxicAttributes } from './toxic-rules.js';
import { positionOf } from './yaml-locator.js';

/** Warnings (severity `warning`) are shown but never make a file invalid. */
export type ValidationResult =
  | { ok: true; experiment: Experiment; warnings: Problem[] }
  | { ok: false; problems: Problem[]; warnings: Problem[] };

export interface ValidateOptions {
  /** Link names from the link map (`target-services/links.json`); unknown links are errors. */
  knownLinks?: readonly string[];
  /**
   * Series names of the fleet's telemetry-name contract
   * (`target-services/contracts/telemetry-names.json`); a query naming another metric is a warning.
   */
  knownMetrics?: readonly string[];
  /** Validate (and resolve) the file as if it said `mode: kubernetes` in this namespace. */
  kubernetes?: KubernetesOverride;
}

/** Rule problems replace the schema's generic one at the same path (e.g. "must be >= 0"). */
function withoutCovered(schema: readonly Problem[], rules: readonly Problem[]): Problem[] {
  const covered = new Set(rules.map((p) => p.path));
  return schema.filter((p) => !covered.has(p.path));
}

function syntaxProblems(
  file: string,
  lines: LineCounter,
  errors: readonly { pos: [number, number]; message: string }[],
) {
  return errors.map((e): Problem => {
    const { line, column } = positionOf(lines, e.pos[0]);
    const message = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    return { file, line, column, path: '(yaml)', message: `YAML error: ${message}` };
  });
}

/** One schema problem per key path: a wrong type makes the rest of that key's issues noise. */
function firstPerPath(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.path) && seen.add(p.path));
}

/**
 * Parses and validates an experiment file's text. Pure. Returns the typed experiment (defaults
 * filled in) or every problem found, each located at file:line:column with its key path.
 */
export function validateExperiment(
  text: string,
  file: string,
  options: ValidateOptions = {},
): ValidationResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const yamlProblems = [...doc.errors, ...doc.warnings];
  if (yamlProblems.length > 0)
    return { ok: false, problems: sortProblems(syntaxProblems(file, lines, yamlProblems)), warnings: [] };
  if (options.kubernetes !== undefined) applyKubernetesOverride(doc, options.kubernetes);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    // e.g. an alias bomb: yaml refuses to expand it
    const message = `YAML cannot be loaded: ${(err as Error).message}`;
    return { ok: false, problems: [{ file, line: 1, column: 1, path: '(yaml)', message }], warnings: [] };
  }
  const ctx: SourceContext = { file, text, doc, lines, data };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const { line, column } = positionOf(lines, doc.contents?.range?.[0] ?? 0);
    return {
      ok: false,
      problems: [
        { file, line, column, path: '(top level)', message: 'an experiment must be a mapping of keys' },
      ],
      warnings: [],
    };
  }
  const parsed = experimentSchema.safeParse(data);
  const toxicProblems = checkToxicAttributes(ctx);
  const schemaProblems = parsed.success
    ? []
    : firstPerPath(parsed.error.issues.flatMap((i) => issueToProblems(ctx, experimentSchema, i)));
  const problems = [
    ...withoutCovered(schemaProblems, toxicProblems),
    ...toxicProblems,
    ...checkFaultTiming(ctx),
    ...checkTargets(ctx, options.knownLinks),
    ...checkConsistency(ctx),
    ...checkExpressions(ctx),
    ...checkPromqlSyntax(ctx),
  ];
  const warnings = sortProblems(checkMetricNames(ctx, options.knownMetrics));
  if (problems.length > 0 || !parsed.success)
    return { ok: false, problems: sortProblems(problems), warnings };
  return { ok: true, experiment: parsed.data, warnings };
}

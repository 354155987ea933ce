import { FaultlineError } from '../../errors.js';
import { PHASES, type Phase } from '../../experiment/check-spec.js';
import { diffPopulations, type DiffRanking, type PopulationDiff } from './population-diff.js';
import type { PathDimension, PopulationSummary } from './population-summary.js';
import { readPopulation } from './read-population.js';
import { openSpanSource, type SpanSource } from './span-source.js';

/** One critical-path question about a run folder or spans file (what the CLI asks). */
export interface CriticalPathRequest {
  /** A run folder, a Parquet export or a DuckDB file (already resolved to a path). */
  source: string;
  select?: string;
  phase?: Phase;
  /** The reference to compare with: a phase of the same source, or another source (same phase). */
  compare?: { phase: Phase } | { source: string };
  dimension: PathDimension;
  rankBy: DiffRanking;
  topK?: number;
}

/** A labelled population summary. */
export interface LabelledSummary {
  label: string;
  summary: PopulationSummary;
}

/** The answer: the population, and with `compare`, the reference and the diff reference → population. */
export interface CriticalPathAnalysis {
  population: LabelledSummary;
  reference?: LabelledSummary;
  diff?: PopulationDiff;
}

/** True when `text` names a phase (so `--compare baseline` is a phase, anything else a path). */
export function isPhase(text: string): text is Phase {
  return (PHASES as readonly string[]).includes(text);
}

/**
 * Opens the source(s), reads the population(s) and diffs them.
 * @throws FaultlineError `ERR_INPUT_SPANS` (unreadable source), `ERR_INPUT_PHASE` (a phase the
 *   source has no window for), ExpressionError (malformed selector).
 */
export async function analyseCriticalPath(req: CriticalPathRequest): Promise<CriticalPathAnalysis> {
  const main = await openSpanSource(req.source);
  try {
    const population = await summarise(main, req.phase, req);
    if (req.compare === undefined) return { population };
    let reference: LabelledSummary;
    if ('phase' in req.compare) reference = await summarise(main, req.compare.phase, req);
    else {
      const other = await openSpanSource(req.compare.source);
      try {
        reference = await summarise(other, req.phase, req, true);
      } finally {
        await other.close();
      }
    }
    const diff = diffPopulations(reference.summary, population.summary, req.dimension, req.rankBy);
    return { population, reference, diff };
  } finally {
    await main.close();
  }
}

async function summarise(
  source: SpanSource,
  phase: Phase | undefined,
  req: CriticalPathRequest,
  named = false,
): Promise<LabelledSummary> {
  let window;
  if (phase !== undefined) {
    window = source.phases.get(phase);
    if (window === undefined) {
      const known = [...source.phases.keys()].join(', ') || 'no phase spans at all';
      throw new FaultlineError(
        'ERR_INPUT_PHASE',
        `${source.path} has no window for phase ${phase} (it has: ${known})`,
      );
    }
  }
  const summary = await readPopulation(source.store, {
    ...(req.select === undefined ? {} : { select: req.select }),
    ...(window === undefined ? {} : { window }),
    ...(req.topK === undefined ? {} : { topK: req.topK }),
  });
  const parts = [named ? source.path : '', phase === undefined ? 'all phases' : `phase ${phase}`, req.select];
  return { label: parts.filter(Boolean).join(', '), summary };
}

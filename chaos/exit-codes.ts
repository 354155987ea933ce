/**
 * The CLI's exit-code table: the one source of truth, rendered into the README and `--help`.
 * Like k6's, a run's outcome is readable from the code alone.
 */
export const EXIT_CODES = [
  { name: 'pass', code: 0, meaning: 'every check passed' },
  { name: 'fail', code: 1, meaning: 'at least one check failed' },
  { name: 'inconclusive', code: 2, meaning: 'no check failed, but at least one had no data or no evidence' },
  { name: 'aborted', code: 3, meaning: 'a guard (halt condition) aborted the inject phase' },
  { name: 'invalid-input', code: 4, meaning: 'bad command line, experiment file or other user input' },
  { name: 'environment', code: 5, meaning: 'the environment could not be brought up or reached' },
  {
    name: 'regressed',
    code: 6,
    meaning: 'a suite check regressed against its history (faultline suite --fail-on regression)',
  },
  { name: 'internal', code: 70, meaning: 'a bug in faultline (please report it)' },
  { name: 'interrupted', code: 130, meaning: 'interrupted by SIGINT/SIGTERM; faults were removed' },
] as const;

export type ExitName = (typeof EXIT_CODES)[number]['name'];

/** The numeric exit code for a named outcome. */
export function exitCode(name: ExitName): number {
  const row = EXIT_CODES.find((r) => r.name === name);
  if (row === undefined) throw new Error(`unknown exit code name ${name}`);
  return row.code;
}

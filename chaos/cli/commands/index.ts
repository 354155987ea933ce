import type { Command } from 'commander';
import type { CliContext } from '../context.js';

/**
 * Every CLI command, one file each under this folder. A command file exports
 * `register<Name>(program, ctx, setExit)`. Adding a command is one file plus one line below:
 * its help term and summary (shown by `faultline --help` without loading the file; a unit test
 * checks they match the file) and a loader. `main` loads only the command being run, so every
 * command starts without paying for the others' imports.
 */
export type RegisterCommand = (program: Command, ctx: CliContext, setExit: (code: number) => void) => void;

/** One command as `faultline --help` lists it, and how to load its registration. */
export interface CommandEntry {
  /** As listed in `faultline --help`: name, `[options]` if any, then its arguments. */
  readonly term: string;
  readonly summary: string;
  readonly load: () => Promise<RegisterCommand>;
}

// prettier-ignore
export const COMMANDS: readonly CommandEntry[] = [
  { term: 'exit-codes', summary: 'print the table of exit codes and what each one means', load: async () => (await import('./exit-codes.js')).registerExitCodes },
  { term: 'fleet', summary: 'run the target fleet (gateway, order, payment, inventory, shipping, psp, carrier)', load: async () => (await import('./fleet.js')).registerFleet },
  { term: 'validate [options] <paths...>', summary: 'check experiment files and print every problem as file:line:column  path  message', load: async () => (await import('./validate.js')).registerValidate },
  { term: 'plan [options] <paths...>', summary: 'dry run: print the resolved timeline, links, toxics, load and checks; touches nothing', load: async () => (await import('./plan.js')).registerPlan },
  { term: 'schema', summary: 'print the JSON Schema of experiment files (for editor completion and checks)', load: async () => (await import('./schema.js')).registerSchema },
  { term: 'report [options] <journal>', summary: 're-render JUnit XML, Markdown and HTML from a run journal', load: async () => (await import('./report.js')).registerReport },
  { term: 'proxy [options]', summary: 'run the Toxiproxy-compatible fault proxy server (API on loopback by default)', load: async () => (await import('./proxy.js')).registerProxy },
  { term: 'collect [options]', summary: 'receive OTLP/HTTP traces (JSON or protobuf) into a DuckDB file until interrupted', load: async () => (await import('./collect.js')).registerCollect },
  { term: 'cleanup [options]', summary: 'remove the faults, processes, databases and queues left by runs whose controller died (kill -9, crash)', load: async () => (await import('./cleanup.js')).registerCleanup },
  { term: 'load [options]', summary: 'run a load profile (open model) against the gateway and write a k6-style summary', load: async () => (await import('./load.js')).registerLoad },
  { term: 'reconcile [options]', summary: 'check business invariants over the fleet databases and dead-letter queues', load: async () => (await import('./reconcile.js')).registerReconcile },
  { term: 'run [options] <paths...>', summary: 'run experiments: environment, load, faults on schedule, checks, reports; exit code = verdict', load: async () => (await import('./run.js')).registerRun },
  { term: 'list [options] [dir]', summary: "list the experiment catalog: file, title, faults, expected verdict and each one's last run", load: async () => (await import('./list.js')).registerList },
  { term: 'suite', summary: 'run the experiment catalog as a nightly suite: tags, trials, shards, history, regressions', load: async () => (await import('./suite.js')).registerSuite },
  { term: 'traces', summary: 'analyse the traces of a run', load: async () => (await import('./traces.js')).registerTraces },
];

/** The command's name: the first word of its term. */
export function commandName(entry: CommandEntry): string {
  return entry.term.split(' ')[0] ?? entry.term;
}

/**
 * The entry `argv` runs (`faultline <name> …` or `faultline help <name>`), or undefined for
 * top-level help, an unknown command or no command at all.
 */
export function commandToRun(argv: readonly string[]): CommandEntry | undefined {
  const words = argv.slice(2).filter((a) => !a.startsWith('-'));
  const wanted = words[0] === 'help' ? words[1] : words[0];
  return COMMANDS.find((c) => commandName(c) === wanted);
}

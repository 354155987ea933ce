import { Command, CommanderError, Help } from 'commander';
import { describeError, FaultlineError, isInputError } from '../errors.js';
import { COMMANDS, commandName, commandToRun } from './commands/index.js';
import type { CliContext } from './context.js';
import { exitCode } from '../exit-codes.js';

/**
 * The `faultline` CLI entry point. `bin/faultline.js` calls it with the real process state; tests
 * call it with their own. Returns the exit code; never throws and never prints a stack trace
 * unless FAULTLINE_DEBUG is set.
 */
export async function main(
  argv: readonly string[],
  env: CliContext['env'],
  stdout: CliContext['stdout'],
  stderr: CliContext['stderr'],
): Promise<number> {
  const abort = new AbortController();
  const onSignal = (): void => abort.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const ctx: CliContext = {
    env,
    cwd: process.cwd(),
    stdout,
    stderr,
    isTTY: Boolean((stdout as { isTTY?: boolean }).isTTY) && env['CI'] !== 'true',
    interrupted: abort.signal,
  };
  let code = exitCode('internal');
  const program = new Command('faultline')
    .description('Chaos experiments with SLO verdicts for a traced microservice fleet')
    .exitOverride()
    .configureOutput({ writeOut: (s) => stdout.write(s), writeErr: (s) => stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)');
  try {
    await registerCommands(program, argv, ctx, (c) => (code = c));
    await program.parseAsync(argv);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      const helpCodes = ['commander.helpDisplayed', 'commander.version', 'commander.help'];
      return helpCodes.includes(err.code) ? exitCode('pass') : exitCode('invalid-input');
    }
    stderr.write(`faultline: ${describeError(err)}\n`);
    if (env['FAULTLINE_DEBUG']) stderr.write(`${(err as Error).stack ?? ''}\n`);
    if (isInputError(err)) return exitCode('invalid-input');
    return err instanceof FaultlineError ? exitCode('environment') : exitCode('internal');
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

/**
 * Registers the command `argv` runs, loaded on demand, and every other command as a listing only
 * (term and summary from the table), so `faultline --help` and each command start without
 * importing the whole CLI.
 */
async function registerCommands(
  program: Command,
  argv: readonly string[],
  ctx: CliContext,
  setExit: (code: number) => void,
): Promise<void> {
  const running = commandToRun(argv);
  if (running !== undefined) {
    (await running.load())(program, ctx, setExit);
    return;
  }
  const terms = new Map<string, string>();
  for (const entry of COMMANDS) {
    const name = commandName(entry);
    terms.set(name, entry.term);
    program.command(name).description(entry.summary);
  }
  program.configureHelp({
    subcommandTerm(this: Help, cmd: Command): string {
      return terms.get(cmd.name()) ?? Help.prototype.subcommandTerm.call(this, cmd);
    },
  });
}

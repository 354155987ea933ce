import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { EXIT_CODES } from '../../exit-codes.js';

/** `faultline exit-codes`: prints the exit-code table. */
export function registerExitCodes(program: Command, ctx: CliContext, setExit: (code: number) => void): void {
  program
    .command('exit-codes')
    .description('print the table of exit codes and what each one means')
    .action(() => {
      for (const row of EXIT_CODES) {
        ctx.stdout.write(`${String(row.code).padStart(3)}  ${row.name.padEnd(14)} ${row.meaning}\n`);
      }
      setExit(0);
    });
}

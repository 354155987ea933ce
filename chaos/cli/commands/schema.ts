import type { Command } from 'commander';
import { experimentJsonSchema } from '../../experiment/json-schema.js';
import type { CliContext } from '../context.js';
import { exitCode } from '../../exit-codes.js';

/** `faultline schema`: the experiment file's JSON Schema, for editors. */
export function registerSchema(program: Command, ctx: CliContext, setExit: (code: number) => void): void {
  program
    .command('schema')
    .description('print the JSON Schema of experiment files (for editor completion and checks)')
    .action(() => {
      ctx.stdout.write(`${JSON.stringify(experimentJsonSchema(), null, 2)}\n`);
      setExit(exitCode('pass'));
    });
}

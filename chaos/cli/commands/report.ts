import type { Command } from 'commander';
import { dirname, resolve } from 'node:path';
import { readJournal } from '../../report/read-journal.js';
import { writeOutputs } from '../../report/write-outputs.js';
import type { CliContext } from '../context.js';
import { exitCode } from '../../exit-codes.js';

/** `faultline report <journal.json> [--out dir]`: re-renders every output from a journal. */
export function registerReport(program: Command, ctx: CliContext, setExit: (code: number) => void): void {
  program
    .command('report')
    .description('re-render JUnit XML, Markdown and HTML from a run journal')
    .argument('<journal>', 'path to a journal.json written by `faultline run`')
    .option('--out <dir>', "output folder (default: the journal's folder)")
    .action(async (path: string, options: { out?: string }) => {
      const journalPath = resolve(ctx.cwd, path);
      const journal = await readJournal(journalPath);
      const dir = resolve(ctx.cwd, options.out ?? dirname(journalPath));
      const written = await writeOutputs(journal, dir, false);
      for (const [name, file] of Object.entries(written)) ctx.stdout.write(`${name.padEnd(12)} ${file}\n`);
      ctx.stdout.write(`verdict      ${journal.verdict} (${journal.status})\n`);
      setExit(exitCode('pass'));
    });
}

import assert from 'node:assert/strict';
import { Command, Help } from 'commander';
import type { CliContext } from '../context.js';
import { COMMANDS, commandName, commandToRun } from './index.js';

const ctx: CliContext = {
  env: {},
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: false,
  interrupted: new AbortController().signal,
};

describe('the lazy command table', () => {
  for (const entry of COMMANDS) {
    it(`lists "${commandName(entry)}" with the term and summary its own file registers`, async () => {
      const program = new Command('faultline');
      (await entry.load())(program, ctx, () => undefined);
      assert.equal(program.commands.length, 1, 'a command file registers exactly one command');
      const cmd = program.commands[0] as Command;
      assert.equal(new Help().subcommandTerm(cmd), entry.term);
      assert.equal(cmd.description(), entry.summary);
    });
  }

  it('has one entry per command name', () => {
    const names = COMMANDS.map(commandName);
    assert.deepEqual([...new Set(names)], names);
  });

  it('finds the command to load from argv, after options and after "help"', () => {
    const argv = (...words: string[]): string[] => ['node', 'faultline', ...words];
    assert.equal(commandToRun(argv('proxy', '--port', '0'))?.term, 'proxy [options]');
    assert.equal(commandToRun(argv('--no-color', 'list'))?.term, 'list [options] [dir]');
    assert.equal(commandToRun(argv('help', 'run'))?.term, 'run [options] <paths...>');
    assert.equal(commandToRun(argv('--help')), undefined);
    assert.equal(commandToRun(argv('prox')), undefined);
    assert.equal(commandToRun(argv()), undefined);
  });
});

import type { Writable } from 'node:stream';

/**
 * Process state handed to every command. `main` reads env, cwd and the streams once and passes
 * them down; commands never touch `process.*` themselves.
 */
export interface CliContext {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stdout: Writable;
  stderr: Writable;
  /** True when stdout is an interactive terminal (live progress views); false in CI and pipes. */
  isTTY: boolean;
  /** Resolves when the user asks to stop (SIGINT/SIGTERM). Long-running commands race on it. */
  interrupted: AbortSignal;
}

/** A command's action: returns the process exit code (see exit-codes.ts). */
export type CommandAction = (...args: never[]) => Promise<number>;

import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerCleanup } from './cleanup.js';
import { registerCollect } from './collect.js';
import { registerExitCodes } from './exit-codes.js';
import { registerFleet } from './fleet.js';
import { registerList } from './list.js';
import { registerLoad } from './load.js';
import { registerPlan } from './plan.js';
import { registerReport } from './report.js';
import { registerSchema } from './schema.js';
import { registerValidate } from './validate.js';
import { registerProxy } from './proxy.js';
import { registerRun } from './run.js';
import { registerReconcile } from './reconcile.js';
import { registerTraces } from './traces.js';

/**
 * Every CLI command, one file each under this folder. A command file exports
 * `register<Name>(program, ctx, setExit)`; adding a command is one file plus one line here.
 */
export type RegisterCommand = (program: Command, ctx: CliContext, setExit: (code: number) => void) => void;

export const COMMANDS: readonly RegisterCommand[] = [
  registerExitCodes,
  registerFleet,
  registerValidate,
  registerPlan,
  registerSchema,
  registerReport,
  registerProxy,
  registerCollect,
  registerCleanup,
  registerLoad,
  registerReconcile,
  registerRun,
  registerList,
  registerTraces,
];

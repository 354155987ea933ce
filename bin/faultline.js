#!/usr/bin/env node
// The `faultline` executable: runs the compiled CLI (build first with `npm run build`).
import { main } from '../dist/chaos/cli/main.js';

process.exitCode = await main(process.argv, process.env, process.stdout, process.stderr);

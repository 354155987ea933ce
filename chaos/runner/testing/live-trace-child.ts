#!/usr/bin/env node
// A stand-in controller for live-run-trace.int.test.ts: runs the runner's live trace (the same
// `startRunTrace` a run uses) over a short timeline (environment 150 ms, warmup and baseline
// 300 ms each, a fault applied at 100 ms and removed at 400 ms, then an inject that lasts a
// minute) and prints `t0 <ms>` once anchored. The test kills it by PID during inject.
// Usage: node live-trace-child.js <otlp base url> <run id>
import type { FaultWindow } from '../../report/journal.js';
import { startRunTrace } from '../run-telemetry.js';

const [endpoint, runId] = process.argv.slice(2);
if (endpoint === undefined || runId === undefined) {
  process.stderr.write('usage: live-trace-child <otlp base url> <run id>\n');
  process.exit(2);
}
const startedMs = Date.now();
const faults: FaultWindow[] = [];
const trace = startRunTrace([endpoint], {
  runId,
  title: 'killed mid-run',
  file: 'live-trace-child',
  startedMs,
  phases: [
    { name: 'warmup', startMs: 0, endMs: 300 },
    { name: 'baseline', startMs: 300, endMs: 600 },
    { name: 'inject', startMs: 600, endMs: 60_600 },
  ],
  faults,
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
await sleep(150);
const t0 = Date.now();
trace.timelineStarted(t0);
process.stdout.write(`t0 ${t0}\n`);
await sleep(100);
const window: FaultWindow = {
  name: 'slow-psp',
  kind: 'toxic',
  target: 'payment-psp',
  appliedMs: Date.now() - t0,
  errors: [],
};
faults.push(window);
await sleep(300);
window.removedMs = Date.now() - t0;
// Inject: the controller "works" until it is killed; nothing here ends the run.
setInterval(() => undefined, 1000);

/**
 * Survey: SIGKILL a real `faultline run` at many points of its start-up, run `faultline cleanup`,
 * and count the kills after which something of the run was left (processes, databases, queues,
 * temp folders, run-state files). Prints one line per kill and the survivor rate; never fails on
 * the numbers.
 *
 *   node dist/chaos/runner/bench/startup-kill-survey.js [--repo <dir>] [--rounds N]
 *        [--children 0,1,2,...,8] [--delays 0,200] [--fixture <yaml>]
 *
 * A kill point `k+d` is "d ms after the k-th child process (7 fleet services, then Prometheus) of
 * the controller appeared"; `0+d` counts from the "starting the embedded environment" line.
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { dropFleetState } from '../../fleet/fleet-harness.js';
import { describeLeftovers, isClean } from '../testing/run-leftovers.js';
import { killDuringStartup, stopLeftoverChildren, type KillPoint } from '../testing/startup-kill.js';

const { values } = parseArgs({
  options: {
    repo: { type: 'string', default: fileURLToPath(new URL('../../../../', import.meta.url)) },
    rounds: { type: 'string', default: '1' },
    children: { type: 'string', default: '0,1,2,3,4,5,6,7,8' },
    delays: { type: 'string', default: '0,200' },
    fixture: { type: 'string', default: 'chaos/runner/fixtures/short-psp-latency.yaml' },
  },
});
const numbers = (s: string): number[] => s.split(',').map(Number);
const points: KillPoint[] = numbers(values.children).flatMap((afterChild) =>
  numbers(values.delays).map((delayMs) => ({ afterChild, delayMs })),
);

let kills = 0;
let dirty = 0;
const surveyStart = Date.now();
for (let round = 1; round <= Number(values.rounds); round++)
  for (const point of points) {
    const r = await killDuringStartup({ repoDir: values.repo, fixture: values.fixture, point });
    kills++;
    const clean = isClean(r.leftovers);
    if (!clean) dirty++;
    console.log(
      [
        `round ${round}`,
        `kill ${point.afterChild}+${point.delayMs}ms`,
        `at ${(r.killedAtMs / 1000).toFixed(1)} s`,
        `children ${r.children.map((c) => c.name).join(',') || '-'}`,
        `recorded ${r.recorded.join(',') || '-'}`,
        r.exitedByItself !== undefined
          ? `controller exited by itself (${r.exitedByItself}) before the kill point`
          : r.startedBeforeKill
            ? 'environment was up'
            : 'during start-up',
        `cleanup exit ${r.cleanupStatus}`,
        clean ? 'clean' : `LEFT ${describeLeftovers(r.leftovers)}`,
      ].join(' | '),
    );
    if (r.exitedByItself !== undefined) {
      const run = r.cleanupOutput.split('--- run output ---')[1] ?? '';
      console.log(`  why it ended: ${run.trim().split('\n').slice(-3).join(' / ').slice(0, 600)}`);
    }
    // The survey ends what a kill left (by pid and start time) and drops its databases and queues.
    stopLeftoverChildren(r);
    if (r.dbPrefix && r.amqpPrefix && r.leftovers.databases.length + r.leftovers.amqp.length > 0)
      await dropFleetState(r.dbPrefix, r.amqpPrefix).catch(() => undefined);
  }
console.log(
  `survivor rate: ${dirty}/${kills} kills left something of the run ` +
    `(${((100 * dirty) / Math.max(1, kills)).toFixed(0)}%) in ${((Date.now() - surveyStart) / 1000).toFixed(0)} s`,
);

import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { dropFleetState } from '../fleet/fleet-harness.js';
import { describeLeftovers, isClean } from './testing/run-leftovers.js';
import {
  killDuringStartup,
  stopLeftoverChildren,
  type KillPoint,
  type StartupKillResult,
} from './testing/startup-kill.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURE = 'chaos/runner/fixtures/short-psp-latency.yaml';

/**
 * Kill points across the embedded environment's start-up, anchored on its progress rather than on
 * the clock (start-up takes 10 s on an idle machine and over a minute on a busy one): right after
 * the record is made (0), then at and 200 ms after the spawn of each of the 7 fleet services in
 * turn and of Prometheus (8). `npm run`-free survey with more points and rounds:
 * `node dist/chaos/runner/bench/startup-kill-survey.js`.
 */
const POINTS: KillPoint[] = [
  { afterChild: 0, delayMs: 200 },
  { afterChild: 1, delayMs: 0 },
  { afterChild: 2, delayMs: 200 },
  { afterChild: 3, delayMs: 0 },
  { afterChild: 4, delayMs: 200 },
  { afterChild: 5, delayMs: 0 },
  { afterChild: 6, delayMs: 200 },
  { afterChild: 7, delayMs: 0 },
  { afterChild: 7, delayMs: 200 },
  { afterChild: 7, delayMs: 400 },
  // Not 8+0: Prometheus has no lifeline, and a kill while the controller is still inside
  // spawn() (fork to exec, before pid is known) leaves it unrecorded. Known gap, see docs/faults.md.
  { afterChild: 8, delayMs: 200 },
  { afterChild: 8, delayMs: 400 },
];

const ordinal = (n: number): string => ['', '1st', '2nd', '3rd'][n] ?? `${n}th`;

describe('faultline run SIGKILLed during start-up, then faultline cleanup (real fleet, RabbitMQ, PostgreSQL, Prometheus)', function () {
  // A bound for a busy machine: one kill takes ~15 s on an idle one, over 2 min under heavy load.
  this.timeout(600_000);
  let result: StartupKillResult | undefined;
  afterEach(async () => {
    // Whatever a failing kill left is ended by pid and start time, and its names dropped.
    if (result === undefined) return;
    stopLeftoverChildren(result);
    if (result.dbPrefix && result.amqpPrefix) await dropFleetState(result.dbPrefix, result.amqpPrefix);
    result = undefined;
  });

  for (const point of POINTS) {
    const when =
      point.afterChild === 0
        ? `${point.delayMs} ms after it began starting its environment`
        : `${point.delayMs} ms after its ${ordinal(point.afterChild)} child process (${point.afterChild === 8 ? 'Prometheus' : 'a fleet service'}) was spawned`;
    it(`leaves no process, database, queue, temp folder or state file when killed ${when}`, async () => {
      result = await killDuringStartup({ repoDir: REPO, fixture: FIXTURE, point });
      const r = result;
      assert.equal(r.exitedByItself, undefined, `the run ended before the kill point:\n${r.cleanupOutput}`);
      assert.equal(r.cleanupStatus, 0, r.cleanupOutput);
      assert.ok(
        isClean(r.leftovers),
        `left after cleanup: ${describeLeftovers(r.leftovers)}\n` +
          `children ${r.children.map((c) => `${c.name} ${c.pid}`).join(', ')}; recorded ${r.recorded.join(', ')}\n` +
          r.cleanupOutput,
      );
      // Every service or server spawned before the kill was in the record by then: the one still
      // starting included, except a child spawned within the last write of the record.
      if (point.afterChild > 0 && !r.startedBeforeKill)
        assert.ok(r.recorded.length >= point.afterChild - 1, `recorded ${r.recorded.join(', ')}`);
    });
  }
});

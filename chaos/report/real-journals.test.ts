import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { readJournal } from './read-journal.js';
import { reportContextOf } from './report-context.js';
import { plainText } from './rich-text.js';
import { whyItFailed } from './why/why-it-failed.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('why it failed, on journals of real runs', function () {
  const cases: [string, string, string[], string[]][] = [
    [
      'outbox off under an order AMQP cut',
      'outbox-off-order-amqp-cut.journal.json',
      [
        'order reconnected to the broker after the cut (evidence) failed over the whole run: observed 0, objective > 0.',
        'every accepted order is terminal after its timeout (invariant.orders-terminal) failed after the run: observed 16 violations, objective = 0 violations.',
      ],
      [
        '16 orders stuck in pending: the oldest, f07b8988-64c0-4141-9eff-86b8db6e87b5, is 67 s past its 30 s timeout.',
        'order-amqp-cut stayed on until +31.5 s, 17.5 s past its planned end (+14.0 s).',
        'The experiment switches off patterns (order FAULTLINE_OUTBOX=off, order FAULTLINE_STEP_TIMEOUTS=off), as this pattern-off experiment intends.',
        '44 iterations were dropped: the load generator could not hold the arrival rate, so the fleet saw less load than planned.',
      ],
    ],
    [
      'a short PSP latency run on an overloaded machine',
      'short-psp-overloaded.journal.json',
      [
        'http_req_failed: rate<0.5 (before) (steady-errors.baseline) failed in baseline (before the fault): observed 1, objective rate<0.5.',
        'http_req_failed: rate<0.5 (after) (steady-errors.recover) failed in recover (after the fault): observed 1, objective rate<0.5.',
        'http_req_duration{phase:inject}: p(99)<10000 (inject-latency) failed in inject: observed 12427 ms, objective p(99)<10000.',
      ],
      [
        'psp-slow stayed on until +41.6 s, 24.6 s past its planned end (+17.0 s), and past the end of the timeline (+24.0 s).',
        'steady-errors.baseline failed in baseline, which ended (+8.0 s) before the first fault was applied (+9.5 s): the fault did not cause it.',
        'psp-slow (latency latency=400ms jitter=0ms on payment-psp) was on +9.5 s → +41.6 s, in inject and recover, where inject-latency, steady-errors.recover failed.',
      ],
    ],
  ];
  for (const [name, file, checks, causes] of cases)
    it(`explains ${name} from its evidence`, async function () {
      const journal = await readJournal(fixture(file));
      const why = whyItFailed(journal, reportContextOf(journal));
      assert.equal(why?.heading, 'Why it failed');
      assert.deepEqual(why.checks.map(plainText), checks);
      assert.deepEqual(why.causes.map(plainText), causes);
    });
});

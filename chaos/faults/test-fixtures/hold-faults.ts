/**
 * Test fixture: a stand-in controller that applies a latency toxic and a link-down through the
 * fault library, prints `applied`, then waits to be killed (SIGKILL in the test).
 * Usage: node hold-faults.js <proxyUrl> <stateDir> <runId> <toxicLink> <downLink> [leaseMs]
 */
import { localBrokerControl } from '../broker-control.js';
import { FaultSession } from '../fault-session.js';
import { processIdentity } from '../proc-stat.js';

const [proxyUrl, stateDir, runId, toxicLink, downLink, leaseArg] = process.argv.slice(2);
if (!proxyUrl || !stateDir || !runId || !toxicLink || !downLink) {
  process.stderr.write('usage: hold-faults <proxyUrl> <stateDir> <runId> <toxicLink> <downLink> [leaseMs]\n');
  process.exit(2);
}
const controller = processIdentity(process.pid);
if (!controller) throw new Error('cannot read /proc/self');
const session = await FaultSession.start({
  runId,
  stateDir,
  controller,
  allow: { links: [toxicLink, downLink], services: [], brokerDisposable: false },
  deps: { proxyUrl, broker: localBrokerControl() },
});
const leaseMs = leaseArg === undefined ? 10 * 60 * 1000 : Number(leaseArg);
await session.apply({
  kind: 'toxic',
  link: toxicLink,
  leaseMs,
  toxic: { type: 'latency', stream: 'downstream', toxicity: 1, attributes: { latency: 500 } },
});
await session.apply({ kind: 'link-down', link: downLink, leaseMs });
process.stdout.write('applied\n');
// Lease timers keep the process alive until the test kills it.

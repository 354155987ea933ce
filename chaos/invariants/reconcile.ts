import { combineVerdicts, type CheckResult, type Verdict } from '../verdict.js';
import { toCheckResults } from './check-results.js';
import { EVALUATORS } from './evaluators/index.js';
import { INVARIANT_IDS, type InvariantId, type Violation } from './invariant.js';
import { readDatabases, type DatabaseTarget } from './read-databases.js';
import { readDlqs } from './read-dlq.js';
import type { DlqState, EvaluateOptions, FleetSnapshot } from './snapshot.js';

/** The fleet's consuming queues (names before the prefix); each has a `<queue>.dlq`. */
export const FLEET_CONSUMER_QUEUES = [
  'order.replies',
  'payment.commands',
  'inventory.commands',
  'shipping.commands',
] as const;

/** Where the fleet is and what to check. Every field has a default (the demo fleet). */
export interface ReconcileOptions {
  /** PostgreSQL server (database path ignored). Default `postgres://postgres@127.0.0.1:5432/postgres`. */
  postgresUrl?: string;
  /** Database name prefix (`fleet up --db-prefix`). Default ''. */
  dbPrefix?: string;
  /** Explicit URL per database (server, user, password, name); these ignore `postgresUrl` and `dbPrefix`. */
  databaseUrls?: DatabaseTarget['databaseUrls'];
  /** Default `amqp://guest:guest@127.0.0.1:5672`. */
  amqpUrl?: string;
  /** Exchange/queue name prefix (`fleet up --amqp-prefix`). Default ''. */
  amqpPrefix?: string;
  /** RabbitMQ management API for DLQ reasons. Default `http://guest:guest@127.0.0.1:15672`. */
  managementUrl?: string;
  /**
   * Reads the dead-letter queues instead of AMQP and the management API (kubernetes mode: `rabbitmqctl` by exec in
   * the broker pod). Default {@link readDlqs} with `amqpUrl` and `managementUrl`.
   */
  readDlqs?: (queues: readonly string[]) => Promise<DlqState[]>;
  /** Dead-letter queues (full names). Default: `<amqpPrefix><queue>.dlq` for each fleet queue. */
  dlqQueues?: readonly string[];
  /** Non-terminal orders older than this are violations (ms). Default 30000. */
  orderTimeoutMs?: number;
  /** DLQ reasons that are expected (prefix match). Default none. */
  explainedReasons?: readonly string[];
  /** Which invariants to check. Default all. */
  checks?: readonly InvariantId[];
}

/** What reconcile found. */
export interface ReconcileReport {
  verdict: Verdict;
  violations: Violation[];
  checks: CheckResult[];
}

export const RECONCILE_DEFAULTS = {
  postgresUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
  amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
  managementUrl: 'http://guest:guest@127.0.0.1:15672',
  orderTimeoutMs: 30000,
} as const;

/** Pure: runs the chosen evaluators over a snapshot. */
export function evaluateSnapshot(
  snapshot: FleetSnapshot,
  options: EvaluateOptions,
  checks: readonly InvariantId[] = INVARIANT_IDS,
): ReconcileReport {
  const violations = checks.flatMap((id) => EVALUATORS[id](snapshot, options));
  const results = toCheckResults(checks, violations, snapshot);
  return { verdict: combineVerdicts(results.map((r) => r.verdict)), violations, checks: results };
}

/**
 * Reads the fleet's databases and dead-letter queues and checks every invariant. Throws
 * `FaultlineError` (`ERR_RECONCILE_DB_READ`, `ERR_RECONCILE_DLQ_READ`) when a store cannot be
 * read: an unreadable store is never a pass. Run it once the fleet is quiet (no order in flight):
 * the stores are read one after the other, not in one global snapshot.
 */
export async function reconcile(options: ReconcileOptions = {}): Promise<ReconcileReport> {
  const amqpPrefix = options.amqpPrefix ?? '';
  const checks = options.checks ?? INVARIANT_IDS;
  const rows = await readDatabases({
    postgresUrl: options.postgresUrl ?? RECONCILE_DEFAULTS.postgresUrl,
    dbPrefix: options.dbPrefix ?? '',
    ...(options.databaseUrls === undefined ? {} : { databaseUrls: options.databaseUrls }),
  });
  const queues = options.dlqQueues ?? FLEET_CONSUMER_QUEUES.map((q) => `${amqpPrefix}${q}.dlq`);
  const dlqs = !checks.includes('dlq-empty-or-explained')
    ? []
    : options.readDlqs !== undefined
      ? await options.readDlqs(queues)
      : await readDlqs({
          amqpUrl: options.amqpUrl ?? RECONCILE_DEFAULTS.amqpUrl,
          managementUrl: options.managementUrl ?? RECONCILE_DEFAULTS.managementUrl,
          queues,
          peekLimit: 50,
        });
  return evaluateSnapshot(
    { ...rows, dlqs },
    {
      orderTimeoutMs: options.orderTimeoutMs ?? RECONCILE_DEFAULTS.orderTimeoutMs,
      explainedReasons: options.explainedReasons ?? [],
    },
    checks,
  );
}

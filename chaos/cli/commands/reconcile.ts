import type { Command } from 'commander';
import { FaultlineError } from '../../errors.js';
import {
  INVARIANT_IDS,
  RECONCILE_DEFAULTS,
  reconcile,
  type InvariantId,
  type ReconcileReport,
} from '../../invariants/index.js';
import type { CliContext } from '../context.js';
import { exitCode } from '../../exit-codes.js';

interface ReconcileFlags {
  dbPrefix: string;
  amqpPrefix: string;
  postgresUrl: string;
  amqpUrl: string;
  managementUrl: string;
  orderTimeout: string;
  explained: string[];
  check: string[];
  json: boolean;
}

function parseChecks(names: readonly string[]): InvariantId[] {
  if (names.length === 0) return [...INVARIANT_IDS];
  const unknown = names.filter((n) => !(INVARIANT_IDS as readonly string[]).includes(n));
  if (unknown.length > 0)
    throw new FaultlineError(
      'ERR_INPUT_INVARIANT',
      `unknown invariant ${unknown.join(', ')}; known: ${INVARIANT_IDS.join(', ')}`,
    );
  return names as InvariantId[];
}

function parseSeconds(text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0)
    throw new FaultlineError('ERR_INPUT_ORDER_TIMEOUT', `--order-timeout must be seconds >= 0, got ${text}`);
  return n * 1000;
}

function render(report: ReconcileReport): string {
  const lines = report.checks.map(
    (c) => `${c.verdict.toUpperCase().padEnd(5)} ${c.id.padEnd(45)} ${c.reason}`,
  );
  if (report.violations.length > 0) lines.push('', 'violations:');
  for (const v of report.violations)
    lines.push(`  ${v.invariant}  ${v.orderIds.length > 0 ? v.orderIds.join(',') : '-'}  ${v.detail}`);
  lines.push('', `reconcile: ${report.verdict} (${report.violations.length} violation(s))`);
  return `${lines.join('\n')}\n`;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** `faultline reconcile`: checks the business invariants over the fleet's databases and DLQs. */
export function registerReconcile(program: Command, ctx: CliContext, setExit: (code: number) => void): void {
  program
    .command('reconcile')
    .description('check business invariants over the fleet databases and dead-letter queues')
    .option('--db-prefix <prefix>', 'prefix of the database names (as given to fleet up)', '')
    .option('--amqp-prefix <prefix>', 'prefix of the queue names (as given to fleet up)', '')
    .option(
      '--postgres-url <url>',
      'PostgreSQL server (database part ignored)',
      RECONCILE_DEFAULTS.postgresUrl,
    )
    .option('--amqp-url <url>', 'RabbitMQ AMQP URL (DLQ depths)', RECONCILE_DEFAULTS.amqpUrl)
    .option(
      '--management-url <url>',
      'RabbitMQ management API (DLQ reasons)',
      RECONCILE_DEFAULTS.managementUrl,
    )
    .option('--order-timeout <seconds>', 'a non-terminal order older than this is a violation', '30')
    .option('--explained <reason-prefix>', 'an expected dead-letter reason (repeatable)', collect, [])
    .option(
      '--check <invariant>',
      `check only this invariant (repeatable): ${INVARIANT_IDS.join(', ')}`,
      collect,
      [],
    )
    .option('--json', 'print the report as JSON', false)
    .action(async (o: ReconcileFlags) => {
      const report = await reconcile({
        dbPrefix: o.dbPrefix,
        amqpPrefix: o.amqpPrefix,
        postgresUrl: o.postgresUrl,
        amqpUrl: o.amqpUrl,
        managementUrl: o.managementUrl,
        orderTimeoutMs: parseSeconds(o.orderTimeout),
        explainedReasons: o.explained,
        checks: parseChecks(o.check),
      });
      ctx.stdout.write(o.json ? `${JSON.stringify(report, null, 2)}\n` : render(report));
      setExit(
        exitCode(report.verdict === 'pass' ? 'pass' : report.verdict === 'fail' ? 'fail' : 'inconclusive'),
      );
    });
}

import { FaultlineError } from '../errors.js';
import type { ResolvedPlan } from '../experiment/plan.js';
import type { ReconcileTarget } from './environment.js';

type AttachSpec = NonNullable<ResolvedPlan['environment']['attach']>;

/** The databases reconcile reads, by the service that owns them. */
const RECONCILE_SERVICES = ['order', 'payment', 'inventory'] as const;

/**
 * Where reconcile reads an attached fleet (pure). Reconcile reads `<prefix>order_db`,
 * `<prefix>payment_db` and `<prefix>inventory_db` on one server, so the DSNs of `databases` must
 * name those three on the same server with one prefix, e.g.
 * `postgres://postgres@127.0.0.1:5432/run1_order_db` → prefix `run1_`. Without `databases`, the
 * local server and no prefix (the demo fleet of `faultline fleet up`).
 * @throws FaultlineError `ERR_RUN_ATTACH_DATABASES` naming what does not fit.
 */
export function reconcileTargetOf(attach: AttachSpec): ReconcileTarget {
  const base = {
    ...(attach.amqp === undefined ? {} : { amqpUrl: attach.amqp }),
    amqpPrefix: attach.amqpPrefix ?? '',
  };
  const dsns = attach.databases ?? {};
  if (Object.keys(dsns).length === 0) return { ...base, dbPrefix: '' };
  const bad = (why: string): never => {
    throw new FaultlineError('ERR_RUN_ATTACH_DATABASES', `environment.attach.databases: ${why}`);
  };
  const parts = RECONCILE_SERVICES.map((service) => {
    const dsn = dsns[service];
    if (dsn === undefined)
      return bad(`needs a DSN for ${RECONCILE_SERVICES.join(', ')} (missing ${service})`);
    let url: URL;
    try {
      url = new URL(dsn);
    } catch {
      return bad(`${service}: not a valid URL`);
    }
    const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
    const suffix = `${service}_db`;
    if (!database.endsWith(suffix)) return bad(`${service}: the database name must end with ${suffix}`);
    url.pathname = '/postgres';
    return { service, server: url.toString(), prefix: database.slice(0, -suffix.length) };
  });
  const [first] = parts;
  if (first === undefined) return bad('no database');
  for (const p of parts) {
    if (p.server !== first.server) bad(`${p.service} is on another server than ${first.service}`);
    if (p.prefix !== first.prefix) bad(`${p.service} has another name prefix than ${first.service}`);
  }
  return { ...base, postgresUrl: first.server, dbPrefix: first.prefix };
}

/**
 * The `host:port` the run's OTLP receiver listens on in attach mode; loopback only.
 * @throws FaultlineError `ERR_RUN_ATTACH_OTLP` for a non-loopback address.
 */
export function otlpListenOf(url: string | undefined): { host: string; port: number } {
  if (url === undefined) return { host: '127.0.0.1', port: 0 };
  const parsed = new URL(url);
  const host = parsed.hostname === 'localhost' ? '127.0.0.1' : parsed.hostname;
  if (!/^127\.\d+\.\d+\.\d+$/.test(host))
    throw new FaultlineError(
      'ERR_RUN_ATTACH_OTLP',
      `environment.attach.otlpReceiver (${url}): the run's receiver listens on loopback only`,
    );
  const port = parsed.port === '' ? (parsed.protocol === 'https:' ? 443 : 80) : Number(parsed.port);
  return { host, port };
}

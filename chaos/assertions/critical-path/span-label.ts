import type { SpanRole } from './path-span.js';

/**
 * Instrumentation scopes whose CLIENT spans are database calls, for spans that lack the
 * `db.system` / `db.system.name` attribute (the pg pool's `pg-pool.connect`, which is time spent
 * waiting for a connection).
 */
const DATABASE_SCOPE =
  /instrumentation-(pg|mysql2?|mongodb|mongoose|redis|ioredis|tedious|cassandra|knex|oracledb|memcached)/;

/**
 * The role of a stored span, from its OTLP kind, its instrumentation scope and whether it carries
 * a `db.system*` attribute: CLIENT spans are database calls or outbound calls; PRODUCER and
 * CONSUMER are messaging; everything else (SERVER, INTERNAL) is the service's own work.
 */
export function spanRole(kind: string, scopeName: string, hasDbSystem: boolean): SpanRole {
  switch (kind) {
    case 'CLIENT':
      return hasDbSystem || DATABASE_SCOPE.test(scopeName) ? 'database' : 'client';
    case 'PRODUCER':
      return 'producer';
    case 'CONSUMER':
      return 'consumer';
    default:
      return 'work';
  }
}

/**
 * A span name without the run's namespace (`flr.<id>.` in queue names, `flr_<id>_` in database
 * names, chaos/runner/environment.ts), so the same span compares across runs.
 */
export function stableSpanName(name: string): string {
  return name.replace(/flr[._][0-9a-f]{6,}[._]/g, '');
}

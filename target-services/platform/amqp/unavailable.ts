/** Node socket error codes of a dependency that cannot be reached right now. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
/** PostgreSQL SQLSTATEs of a server going away or not accepting connections yet. */
const PG_CODES = new Set(['57P01', '57P02', '57P03']);
/** node-postgres messages of a connection lost or not obtained (they carry no code). */
const PG_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|connection error|Connection closed/i;
/**
 * Platform codes of an outage: the broker connection is down, or a compensation's HTTP peer is
 * known to be down (its circuit breaker is open), so the compensation waits instead of spending
 * its attempts and landing in the DLQ.
 */
const PLATFORM_CODES = new Set(['ERR_AMQP_UNAVAILABLE', 'ERR_PEER_UNAVAILABLE']);

/**
 * Pure: true when `err` (or any error in its `cause` chain) says the service's own database or
 * broker is unreachable: an infrastructure outage, not a problem with the message. Such a delivery
 * is retried without using up one of its attempts, so an outage never dead-letters good messages.
 */
export function isDependencyUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (SOCKET_CODES.has(code) || PG_CODES.has(code) || PLATFORM_CODES.has(code)) return true;
      if (/^08/.test(code) && code.length === 5) return true; // SQLSTATE class 08: connection exception
    }
    if (e instanceof Error && PG_MESSAGES.test(e.message)) return true;
  }
  return false;
}

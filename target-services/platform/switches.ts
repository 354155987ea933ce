/**
 * The one list of pattern switches. Each is an env var, `on` by default; experiments turn one off
 * to show what breaks. `GET /v1/admin/config` shows the effective value of every switch that the
 * service's config holds.
 */
export const SWITCHES = [
  {
    env: 'FAULTLINE_OUTBOX',
    service: 'order, payment, inventory, shipping',
    meaning: 'transactional outbox + relay (off: publish after commit, no outbox)',
  },
  {
    env: 'FAULTLINE_INBOX',
    service: 'order, payment, inventory, shipping',
    meaning: 'inbox dedupe by message id (off: redeliveries are processed again)',
  },
  {
    env: 'FAULTLINE_STEP_TIMEOUTS',
    service: 'order',
    meaning: 'saga step timeouts (off: a lost reply leaves the saga pending)',
  },
  {
    env: 'FAULTLINE_TIMEOUTS',
    service: 'every service with an outbound HTTP peer (gateway, payment, shipping)',
    meaning: 'per-attempt timeout on outbound calls (off: a slow peer holds the caller)',
  },
  {
    env: 'FAULTLINE_RETRIES',
    service: 'gateway, payment, shipping',
    meaning: 'retries with exponential backoff + jitter for idempotent calls (off: one attempt)',
  },
  {
    env: 'FAULTLINE_RETRY_BUDGET',
    service: 'gateway, payment, shipping',
    meaning: 'token-bucket retry budget (off: every failed call retries up to RETRY_ATTEMPTS)',
  },
  {
    env: 'FAULTLINE_BREAKER',
    service: 'gateway, payment, shipping',
    meaning: 'circuit breaker per downstream (off: calls keep hitting a failing peer)',
  },
  {
    env: 'FAULTLINE_BULKHEAD',
    service: 'gateway, payment, shipping',
    meaning: 'concurrency limit + queue per downstream (off: unbounded concurrent calls)',
  },
  {
    env: 'FAULTLINE_SHEDDING',
    service: 'gateway',
    meaning:
      "sheds new orders by order's saga load: 503 + Retry-After (off: every order is accepted, however far behind the fleet is)",
  },
  {
    env: 'GATEWAY_RATE_LIMIT',
    service: 'gateway',
    meaning: 'per-client token-bucket rate limit (off: no 429)',
  },
] as const;

/** Env var name of a switch. */
export type SwitchName = (typeof SWITCHES)[number]['env'];

/** The effective value of every listed switch that `config` holds (others are left out). */
export function effectiveSwitches(config: Record<string, unknown>): Partial<Record<SwitchName, boolean>> {
  const out: Partial<Record<SwitchName, boolean>> = {};
  for (const s of SWITCHES) if (typeof config[s.env] === 'boolean') out[s.env] = config[s.env] as boolean;
  return out;
}

import { z } from 'zod';
import { ServiceError } from './errors.js';

/** Config keys whose values never reach a log line or the admin endpoint. */
const SECRET_PATTERN = /password|secret|token|key/i;
/** The password part of a DSN/URL (`scheme://user:password@host`). */
const DSN_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s]*@/i;

/**
 * Validates `env` against `schema` and returns the typed config. Every problem is reported at
 * once in one `ERR_CONFIG_INVALID` error (one line per problem), never just the first.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new ServiceError(
    'ERR_CONFIG_INVALID',
    `invalid configuration (${lines.length} problems):\n${lines.join('\n')}`,
  );
}

/**
 * A copy of `config` safe to log or show: values of secret-looking keys (`*KEY*`, `*SECRET*`,
 * `*PASSWORD*`, `*TOKEN*`) become `[redacted]`, and so does the password inside any DSN value.
 */
export function redactConfig(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) {
    if (SECRET_PATTERN.test(k) && v !== '') out[k] = '[redacted]';
    else out[k] = typeof v === 'string' ? v.replace(DSN_PASSWORD, '$1[redacted]@') : v;
  }
  return out;
}

/** An `on`/`off` switch env var (also accepts 1/0/true/false). */
export const switchVar = (defaultOn: boolean) =>
  z
    .enum(['on', 'off', '1', '0', 'true', 'false'])
    .default(defaultOn ? 'on' : 'off')
    .transform((v) => v === 'on' || v === '1' || v === 'true');

/** A TCP port (0 = pick any). */
export const portVar = (defaultPort: number) =>
  z.coerce.number().int().min(0).max(65535).default(defaultPort);

/**
 * Outbound-call resilience (see docs/resilience.md): one switch per pattern (default on) and the
 * settings every downstream of the service shares. The per-call timeout comes from the service's
 * own `*_TIMEOUT_MS`.
 */
export const resilienceConfigShape = {
  FAULTLINE_TIMEOUTS: switchVar(true),
  FAULTLINE_RETRIES: switchVar(true),
  FAULTLINE_RETRY_BUDGET: switchVar(true),
  FAULTLINE_BREAKER: switchVar(true),
  FAULTLINE_BULKHEAD: switchVar(true),
  /** Attempts per idempotent call, the first one included. */
  RETRY_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  RETRY_BASE_MS: z.coerce.number().int().positive().default(100),
  RETRY_MAX_DELAY_MS: z.coerce.number().int().positive().default(2000),
  /** Retry tokens earned per call: retries stay under this share of calls (plus the burst). */
  RETRY_BUDGET_RATIO: z.coerce.number().min(0).max(1).default(0.2),
  RETRY_BUDGET_BURST: z.coerce.number().int().nonnegative().default(10),
  /** Consecutive failures that open the breaker. */
  BREAKER_THRESHOLD: z.coerce.number().int().positive().default(5),
  BREAKER_HALF_OPEN_MS: z.coerce.number().int().positive().default(10000),
  /** Concurrent calls per downstream, and how many more may wait. */
  BULKHEAD_LIMIT: z.coerce.number().int().positive().default(10),
  BULKHEAD_QUEUE: z.coerce.number().int().nonnegative().default(20),
} as const;
export type ResilienceConfig = z.infer<z.ZodObject<typeof resilienceConfigShape>>;

/** Environment shared by every service. */
export const baseConfigSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  /** Host of the loopback admin listener (`GET /v1/admin/config`). */
  ADMIN_HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  FAULTLINE_LINKS: z.string().min(1).default('target-services/links.json'),
  FAULTLINE_VIA_PROXY: switchVar(false),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(10000),
  ...resilienceConfigShape,
});

/** Environment of services that own a database and a broker connection. */
export const backendConfigSchema = baseConfigSchema.extend({
  PGUSER: z.string().default('postgres'),
  PGPASSWORD: z.string().default(''),
  FAULTLINE_DB_PREFIX: z
    .string()
    .regex(/^[a-z0-9_]*$/, 'lower-case letters, digits and _ only')
    .default(''),
  AMQP_USER: z.string().default('guest'),
  AMQP_PASSWORD: z.string().default('guest'),
  AMQP_VHOST: z.string().default('/'),
  FAULTLINE_AMQP_PREFIX: z
    .string()
    .regex(/^[a-z0-9_.-]*$/, 'lower-case letters, digits, _ . - only')
    .default(''),
  /**
   * PostgreSQL connections per service (pg.Pool `max`). 10 fits payment and shipping, which hold
   * their connection across the PSP or carrier call (the inbox transaction), so their bulkhead (10)
   * bounds their need; order and inventory set their own (docs/performance.md).
   */
  DB_POOL_MAX: z.coerce.number().int().positive().max(100).default(10),
  AMQP_PREFETCH: z.coerce.number().int().positive().default(20),
  AMQP_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
  AMQP_RETRY_BASE_MS: z.coerce.number().int().positive().default(200),
  FAULTLINE_OUTBOX: switchVar(true),
  FAULTLINE_INBOX: switchVar(true),
});
export type BackendConfig = z.infer<typeof backendConfigSchema>;

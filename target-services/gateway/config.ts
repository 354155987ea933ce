import { z } from 'zod';
import { baseConfigSchema, portVar, redactConfig, switchVar } from '../platform/config.js';
import { ServiceError } from '../platform/errors.js';
import { duplicateLabels, parseKeyEntries, type HashedKey, type KeyProblem } from './api-keys.js';
import type { ShedSettings } from './shed-rule.js';

const SIZE = /^(\d+)(b|kb|mb)$/;
const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$|^\*$/;

/**
 * The gateway's environment. API keys are not part of it: `GATEWAY_API_KEYS` and
 * `GATEWAY_API_KEYS_FILE` are read by `loadGatewayConfig` and hashed at once.
 */
export const gatewaySchema = baseConfigSchema.extend({
  PORT: portVar(8080),
  /** Loopback admin listener (`GET /v1/admin/config`). */
  ADMIN_PORT: portVar(9180),
  GATEWAY_UPSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(10000),
  /**
   * The gateway is the fleet's fan-in: every client request and order-status poll crosses it, so
   * its bulkhead per upstream is wider than a service's bulkhead towards one external peer.
   */
  BULKHEAD_LIMIT: z.coerce.number().int().positive().default(64),
  BULKHEAD_QUEUE: z.coerce.number().int().nonnegative().default(128),
  /**
   * Concurrent order-status long polls (`GET /v1/orders/:id?wait=`) forwarded to order. They have
   * their own bulkhead: a parked wait costs a socket and no CPU, and must never take a slot that
   * order creation needs (a saga stalled by a fault parks one wait per order in flight).
   */
  GATEWAY_WAIT_BULKHEAD_LIMIT: z.coerce.number().int().positive().default(1024),
  /** `auto`: on when at least one key is configured; `on`: keys are required to start; `off`: open. */
  GATEWAY_AUTH: z.enum(['auto', 'on', 'off']).default('auto'),
  GATEWAY_RATE_LIMIT: switchVar(true),
  /** Sustained requests per second per key (per client IP when auth is off). */
  GATEWAY_RATE_LIMIT_RPS: z.coerce.number().positive().default(1000),
  /** Token-bucket capacity: the burst a client may send at once. */
  GATEWAY_RATE_LIMIT_BURST: z.coerce.number().int().positive().default(2000),
  /** Load shedding of new orders by order's saga load (shed-rule.ts); off: every order is forwarded. */
  FAULTLINE_SHEDDING: switchVar(true),
  /** The order deadline clients wait for an accepted order (the checkout journey's, ms). */
  GATEWAY_SHED_DEADLINE_MS: z.coerce.number().int().positive().default(30000),
  /** In-flight sagas always admitted, whatever order's measured completion rate. */
  GATEWAY_SHED_MIN_IN_FLIGHT: z.coerce.number().int().positive().default(20),
  /** How often the gateway reads order's saga load (ms); a reading older than 10 polls (min 5 s) is stale. */
  GATEWAY_SHED_POLL_MS: z.coerce.number().int().positive().default(500),
  GATEWAY_BODY_LIMIT: z.string().regex(SIZE, 'like 64kb (b, kb or mb)').default('64kb'),
  /** Comma list of allowed CORS origins (`https://app.example.com`, or `*`); empty = CORS off. */
  GATEWAY_CORS_ORIGINS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(ORIGIN, 'an origin like https://host:port, or *'))),
});
type GatewayEnv = z.infer<typeof gatewaySchema>;

/** Token-bucket settings of the per-client rate limit. */
export interface RateLimitSettings {
  ratePerSec: number;
  burst: number;
}

/** The gateway's validated config, with keys already hashed. */
export interface GatewayConfig extends GatewayEnv {
  /** Empty when authentication is off. */
  apiKeys: readonly HashedKey[];
  /** Undefined when rate limiting is off. */
  rateLimit: RateLimitSettings | undefined;
  /** Undefined when load shedding is off. */
  shedding: ShedSettings | undefined;
  bodyLimitBytes: number;
}

/** Reads a key file's text; the entry point passes `readFileSync`. */
export type ReadText = (path: string) => string;

/** `64kb` → 65536. */
export function parseSize(size: string): number {
  const m = SIZE.exec(size);
  if (!m) throw new ServiceError('ERR_CONFIG_INVALID', `not a size: ${size}`);
  return Number(m[1]) * { b: 1, kb: 1024, mb: 1024 * 1024 }[m[2] as 'b' | 'kb' | 'mb'];
}

function loadKeys(env: Record<string, string | undefined>, readText: ReadText) {
  const keys: HashedKey[] = [];
  const problems: KeyProblem[] = [];
  const add = (r: { keys: HashedKey[]; problems: KeyProblem[] }) => {
    keys.push(...r.keys);
    problems.push(...r.problems);
  };
  add(parseKeyEntries((env['GATEWAY_API_KEYS'] ?? '').split(','), 'GATEWAY_API_KEYS'));
  const file = env['GATEWAY_API_KEYS_FILE'];
  if (file) {
    let text: string | undefined;
    try {
      text = readText(file);
    } catch (err) {
      problems.push({
        source: 'GATEWAY_API_KEYS_FILE',
        message: `cannot read ${file}: ${(err as Error).message}`,
      });
    }
    if (text !== undefined) {
      const before = keys.length;
      add(parseKeyEntries(text.split(/\r?\n/), file));
      if (keys.length === before && problems.length === 0)
        problems.push({ source: 'GATEWAY_API_KEYS_FILE', message: `${file} holds no key` });
    }
  }
  for (const label of duplicateLabels(keys))
    problems.push({ source: 'GATEWAY_API_KEYS', message: `label ${label} names two different keys` });
  return { keys, problems };
}

/**
 * Validates the gateway's environment and hashes its API keys. Every problem (env vars, key
 * entries, the key file) is reported at once in one `ERR_CONFIG_INVALID` error.
 */
export function loadGatewayConfig(
  env: Record<string, string | undefined>,
  readText: ReadText,
): GatewayConfig {
  const parsed = gatewaySchema.safeParse(env);
  const lines = parsed.success
    ? []
    : parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  const { keys, problems } = loadKeys(env, readText);
  lines.push(...problems.map((p) => `${p.source}: ${p.message}`));
  if (parsed.success && parsed.data.GATEWAY_AUTH === 'on' && keys.length === 0 && problems.length === 0)
    lines.push('GATEWAY_AUTH: on, but neither GATEWAY_API_KEYS nor GATEWAY_API_KEYS_FILE gives a key');
  if (!parsed.success || lines.length > 0)
    throw new ServiceError(
      'ERR_CONFIG_INVALID',
      `invalid configuration (${lines.length} problems):\n${lines.map((l) => `  ${l}`).join('\n')}`,
    );
  const c = parsed.data;
  return {
    ...c,
    apiKeys: c.GATEWAY_AUTH === 'off' ? [] : keys,
    rateLimit: c.GATEWAY_RATE_LIMIT
      ? { ratePerSec: c.GATEWAY_RATE_LIMIT_RPS, burst: c.GATEWAY_RATE_LIMIT_BURST }
      : undefined,
    shedding: c.FAULTLINE_SHEDDING
      ? {
          deadlineMs: c.GATEWAY_SHED_DEADLINE_MS,
          minInFlight: c.GATEWAY_SHED_MIN_IN_FLIGHT,
          staleMs: Math.max(5000, 10 * c.GATEWAY_SHED_POLL_MS),
        }
      : undefined,
    bodyLimitBytes: parseSize(c.GATEWAY_BODY_LIMIT),
  };
}

/**
 * The effective gateway config, safe to log or show on an admin endpoint: secrets redacted, keys
 * reduced to their labels.
 */
export function describeGatewayConfig(c: GatewayConfig): Record<string, unknown> {
  const { apiKeys, rateLimit, shedding, ...rest } = c;
  return {
    ...redactConfig(rest),
    auth: apiKeys.length > 0 ? { mode: 'api-key', keys: apiKeys.map((k) => k.label) } : { mode: 'off' },
    rateLimit: rateLimit
      ? { mode: 'token-bucket', per: apiKeys.length > 0 ? 'api-key' : 'client-ip', ...rateLimit }
      : { mode: 'off' },
    shedding: shedding ? { mode: 'saga-load', ...shedding } : { mode: 'off' },
    cors: c.GATEWAY_CORS_ORIGINS.length > 0 ? { origins: c.GATEWAY_CORS_ORIGINS } : 'off',
  };
}

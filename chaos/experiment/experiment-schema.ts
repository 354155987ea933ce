import { z } from 'zod';
import { ENVIRONMENT_MODES } from '../faults/environment-modes.js';
import { FLEET_SERVICES, toxicSpecSchema } from '../faults/fault-spec.js';
import { checkSchema, INVARIANTS, PHASES } from './check-spec.js';
import { durationSchema, urlSchema } from './schema-primitives.js';

export { ENVIRONMENT_MODES };
export const JOURNEYS = ['checkout', 'browse', 'mixed'] as const;
/** `k6-operator`: a k6-operator `TestRun` in the cluster (kubernetes mode only). */
export const LOAD_ENGINES = ['builtin', 'k6', 'k6-operator'] as const;
export const EXPECTED_OUTCOMES = ['pass', 'fail'] as const;

const linkName = z.string().regex(/^[a-z][a-z0-9]*-[a-z][a-z0-9]*$/, 'link names are <client>-<dependency>');

const attachSchema = z.strictObject({
  toxiproxy: urlSchema,
  prometheus: urlSchema,
  gateway: urlSchema,
  /** Where the run's OTLP receiver listens (loopback); the attached fleet must export there. */
  otlpReceiver: urlSchema.optional(),
  /** PostgreSQL DSNs per service database, for `reconcile`. */
  databases: z
    .partialRecord(
      z.enum(FLEET_SERVICES),
      z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// DSN'),
    )
    .optional(),
  /** The broker the fleet uses, for reconcile's dead-letter check; default the local RabbitMQ. */
  amqp: z
    .string()
    .regex(/^amqps?:\/\/\S+$/, 'expected an amqp:// URL')
    .optional(),
  /** The fleet's exchange and queue name prefix (`faultline fleet up --amqp-prefix`); default ''. */
  amqpPrefix: z.string().optional(),
});

/** A Kubernetes namespace name: a DNS-1123 label (lower-case alphanumerics and `-`, at most 63). */
const namespaceName = z
  .string()
  .max(63, 'a namespace name has at most 63 characters')
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    'a namespace name is a DNS-1123 label: lower-case letters, digits and -, starting and ending alphanumeric',
  );

const environmentSchema = z.strictObject({
  mode: z.enum(ENVIRONMENT_MODES).default('embedded'),
  attach: attachSchema.optional(),
  /** Kubernetes mode: the namespace the stack is deployed in; the run touches nothing else. */
  namespace: namespaceName.optional(),
  /** Kubernetes mode: the kubeconfig context to use; default the current one. */
  context: z.string().min(1).optional(),
  /** What the experiment may touch; anything else is refused. */
  allow: z
    .strictObject({
      links: z.array(linkName).default([]),
      services: z.array(z.enum(FLEET_SERVICES)).default([]),
      brokerDisposable: z.boolean().default(false),
      /** Kubernetes mode: the one namespace the run may touch; must equal environment.namespace. */
      namespace: namespaceName.optional(),
    })
    .default({ links: [], services: [], brokerDisposable: false }),
  /** Per-service config overrides (env vars), e.g. to switch a pattern off. */
  serviceConfig: z
    .partialRecord(
      z.enum(FLEET_SERVICES),
      z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    )
    .optional(),
});

const rateSchema = z.number().nonnegative();
const loadSchema = z.strictObject({
  journey: z.enum(JOURNEYS).default('checkout'),
  engine: z.enum(LOAD_ENGINES).default('builtin'),
  /** Iterations per second in each phase. */
  rate: z.strictObject({ warmup: rateSchema, baseline: rateSchema, inject: rateSchema, recover: rateSchema }),
  executor: z
    .strictObject({
      preAllocatedVUs: z.number().int().positive().optional(),
      maxVUs: z.number().int().positive().optional(),
      /** Time over which `rate` is counted; default 1s. */
      timeUnit: durationSchema.optional(),
      gracefulStop: durationSchema.optional(),
    })
    .optional(),
});

const phasesSchema = z.strictObject({
  warmup: durationSchema,
  baseline: durationSchema,
  inject: durationSchema,
  recover: durationSchema,
});

const window = { at: durationSchema, duration: durationSchema, lease: durationSchema.optional() };
/** A catalog tag: lower-case words joined by `-`, e.g. `smoke`, `pattern-off`. */
export const tagName = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'tags are lower-case words joined by -');
const faultName = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'fault names are lower-case words joined by -');

export const faultSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('toxic'),
    name: faultName,
    link: linkName,
    toxic: toxicSpecSchema,
    ...window,
  }),
  z.strictObject({ kind: z.literal('link-down'), name: faultName, link: linkName, ...window }),
  z.strictObject({
    kind: z.literal('process-kill'),
    name: faultName,
    service: z.enum(FLEET_SERVICES),
    ...window,
  }),
  z.strictObject({
    kind: z.literal('process-pause'),
    name: faultName,
    service: z.enum(FLEET_SERVICES),
    ...window,
  }),
  z.strictObject({
    kind: z.literal('process-restart'),
    name: faultName,
    service: z.enum(FLEET_SERVICES),
    ...window,
  }),
  z.strictObject({ kind: z.literal('broker-memory-alarm'), name: faultName, ...window }),
  z.strictObject({ kind: z.literal('broker-app-stop'), name: faultName, ...window }),
]);
export type FaultSpec = z.infer<typeof faultSchema>;

const guardSchema = z.strictObject({
  name: faultName,
  check: checkSchema,
  /** Consecutive breaches that abort the inject phase. */
  consecutive: z.number().int().positive().default(3),
  interval: durationSchema.default('5s'),
});

/** The whole experiment file. Strict: unknown keys are errors. */
export const experimentSchema = z.strictObject({
  title: z.string().min(1),
  description: z.string().default(''),
  /** The resilience pattern expected to absorb the fault. */
  pattern: z.string().optional(),
  /** `fail` for "pattern off" variants that prove an assertion can fail. */
  expect: z.enum(EXPECTED_OUTCOMES).default('pass'),
  seed: z.number().int().nonnegative().default(1),
  /** Catalog tags for `faultline suite --tag/--exclude-tag` (lower-case words joined by -). */
  tags: z.array(tagName).default([]),
  /** Expected duration, for balancing suite shards; default the sum of the phases. */
  weight: durationSchema.optional(),
  environment: environmentSchema.default({
    mode: 'embedded',
    allow: { links: [], services: [], brokerDisposable: false },
  }),
  load: loadSchema,
  phases: phasesSchema,
  faults: z.array(faultSchema).min(1),
  guards: z.array(guardSchema).default([]),
  steadyState: z.array(checkSchema).default([]),
  assertions: z.array(checkSchema).default([]),
  invariants: z
    .strictObject({
      reconcile: z.boolean().default(true),
      checks: z.array(z.enum(INVARIANTS)).default([...INVARIANTS]),
    })
    .default({ reconcile: true, checks: [...INVARIANTS] }),
  /** Proof that the fault took effect; without it a run is inconclusive. Required. */
  evidence: checkSchema,
});

export type Experiment = z.output<typeof experimentSchema>;
export { PHASES };

import { z } from 'zod';

/**
 * The typed fault specs: the single source of truth for fault kinds, Toxiproxy toxic types and
 * their attributes (with units). The experiment schema, the plan and the docs read these tables;
 * the fault library that applies them reads them too.
 */

/** Toxiproxy toxic types, spelled as on the wire. */
export const TOXIC_TYPES = [
  'latency',
  'bandwidth',
  'slow_close',
  'timeout',
  'reset_peer',
  'slicer',
  'limit_data',
  'noop',
] as const;
export type ToxicType = (typeof TOXIC_TYPES)[number];

export const TOXIC_STREAMS = ['upstream', 'downstream'] as const;
export type ToxicStream = (typeof TOXIC_STREAMS)[number];

/** Units of toxic attributes, as Toxiproxy interprets them. */
export const ATTRIBUTE_UNITS = ['ms', 'us', 'KB/s', 'bytes'] as const;
export type AttributeUnit = (typeof ATTRIBUTE_UNITS)[number];

export interface ToxicAttributeSpec {
  unit: AttributeUnit;
  /** Toxiproxy's default when the attribute is omitted. */
  defaultValue: number;
  description: string;
}

/** Every toxic's attributes, their units and Toxiproxy's defaults. */
export const TOXIC_ATTRIBUTES: Readonly<Record<ToxicType, Readonly<Record<string, ToxicAttributeSpec>>>> = {
  latency: {
    latency: { unit: 'ms', defaultValue: 0, description: 'added delay' },
    jitter: { unit: 'ms', defaultValue: 0, description: 'random +/- variation of the delay' },
  },
  bandwidth: { rate: { unit: 'KB/s', defaultValue: 0, description: 'throughput cap' } },
  slow_close: { delay: { unit: 'ms', defaultValue: 0, description: 'delay before the connection closes' } },
  timeout: {
    timeout: { unit: 'ms', defaultValue: 0, description: 'close after this long; 0 holds data forever' },
  },
  reset_peer: {
    timeout: { unit: 'ms', defaultValue: 0, description: 'reset (RST) after this long; 0 at once' },
  },
  slicer: {
    average_size: { unit: 'bytes', defaultValue: 0, description: 'mean slice size' },
    size_variation: { unit: 'bytes', defaultValue: 0, description: 'slice size variation' },
    delay: { unit: 'us', defaultValue: 0, description: 'delay between slices' },
  },
  limit_data: { bytes: { unit: 'bytes', defaultValue: 0, description: 'close after this many bytes' } },
  noop: {},
};

/** Fault kinds an experiment can schedule. */
export const FAULT_KINDS = [
  'toxic',
  'link-down',
  'process-kill',
  'process-pause',
  'process-restart',
  'broker-memory-alarm',
  'broker-app-stop',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** One line per fault kind, for `plan`, docs and help. */
export const FAULT_KIND_DESCRIPTIONS: Readonly<Record<FaultKind, string>> = {
  toxic: 'a Toxiproxy toxic on a link, removed when the window ends',
  'link-down': 'the link is disabled (enabled: false): connections refused and existing ones closed',
  'process-kill': 'SIGKILL a fleet service at the window start; it is restarted when the window ends',
  'process-pause': 'SIGSTOP a fleet service for the window, SIGCONT at the end',
  'process-restart': 'SIGTERM a fleet service and start it again (graceful restart)',
  'broker-memory-alarm': 'raise the broker memory alarm (publishers blocked) for the window',
  'broker-app-stop': 'stop the broker application (rabbitmqctl stop_app) and start it when the window ends',
};

const attribute = z.number().int().nonnegative();

function attributesSchema(type: ToxicType): z.ZodType<Partial<Record<string, number>>> {
  const shape = Object.fromEntries(Object.keys(TOXIC_ATTRIBUTES[type]).map((k) => [k, attribute.optional()]));
  return z.strictObject(shape);
}

function toxicSchema<T extends ToxicType>(type: T) {
  return z.strictObject({
    type: z.literal(type),
    stream: z.enum(TOXIC_STREAMS).default('downstream'),
    toxicity: z.number().min(0).max(1).default(1),
    attributes: attributesSchema(type).default({}),
  });
}

/** A toxic as in Toxiproxy's API (name excepted), validated per type. */
export const toxicSpecSchema = z.discriminatedUnion('type', [
  toxicSchema('latency'),
  toxicSchema('bandwidth'),
  toxicSchema('slow_close'),
  toxicSchema('timeout'),
  toxicSchema('reset_peer'),
  toxicSchema('slicer'),
  toxicSchema('limit_data'),
  toxicSchema('noop'),
]);

export interface ToxicSpec {
  type: ToxicType;
  stream: ToxicStream;
  /** Probability in [0, 1] that a connection gets the toxic. */
  toxicity: number;
  attributes: Record<string, number | undefined>;
}

/** The link map convention: `<client>-<dependency>`, lower-case words. */
export const LINK_NAME_PATTERN = /^[a-z][a-z0-9]*-[a-z][a-z0-9]*$/;

/** Fleet services a process fault may target. */
export const FLEET_SERVICES = [
  'gateway',
  'order',
  'payment',
  'inventory',
  'shipping',
  'psp',
  'carrier',
] as const;
export type FleetService = (typeof FLEET_SERVICES)[number];

/** Attributes with their Toxiproxy defaults filled in, for display and application. */
export function resolveToxicAttributes(spec: ToxicSpec): Record<string, number> {
  const table = TOXIC_ATTRIBUTES[spec.type];
  return Object.fromEntries(Object.entries(table).map(([k, a]) => [k, spec.attributes[k] ?? a.defaultValue]));
}

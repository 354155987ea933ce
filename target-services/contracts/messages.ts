import { z } from 'zod';

/** Saga commands the order service sends to participants (routing key = type). */
export const COMMAND_TYPES = [
  'payment.authorize',
  'payment.refund',
  'inventory.reserve',
  'inventory.release',
  'shipping.schedule',
  'shipping.cancel',
] as const;
export type CommandType = (typeof COMMAND_TYPES)[number];

/** The participants' answer to any command. */
export const REPLY_TYPE = 'saga.reply';
export const MESSAGE_TYPES = [...COMMAND_TYPES, REPLY_TYPE] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** Business reasons a step fails (closed set; shown as the order's `reason`). */
export const FAILURE_REASONS = [
  'payment_declined',
  'payment_unavailable',
  'out_of_stock',
  'shipping_failed',
  'step_timeout',
  'invalid_command',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

export const itemSchema = z.object({
  sku: z.string().min(1).max(64),
  quantity: z.number().int().positive().max(1000),
});
export type Item = z.infer<typeof itemSchema>;

/** Every message on the bus has this envelope; `id` is the dedupe key of the inbox. */
export const envelopeSchema = z.object({
  id: z.uuid(),
  type: z.enum(MESSAGE_TYPES),
  orderId: z.uuid(),
  sentAt: z.string(),
  payload: z.record(z.string(), z.unknown()),
});
export type Envelope = z.infer<typeof envelopeSchema>;

/** Payload schema per message type. */
export const PAYLOAD_SCHEMAS = {
  'payment.authorize': z.object({ amountCents: z.number().int().nonnegative(), customerId: z.string() }),
  'payment.refund': z.object({}),
  'inventory.reserve': z.object({ items: z.array(itemSchema).min(1) }),
  'inventory.release': z.object({}),
  'shipping.schedule': z.object({ customerId: z.string(), items: z.array(itemSchema).min(1) }),
  'shipping.cancel': z.object({}),
  'saga.reply': z.object({
    command: z.enum(COMMAND_TYPES),
    ok: z.boolean(),
    reason: z.enum(FAILURE_REASONS).optional(),
  }),
} as const satisfies Record<MessageType, z.ZodType>;

export type ReplyPayload = z.infer<(typeof PAYLOAD_SCHEMAS)['saga.reply']>;

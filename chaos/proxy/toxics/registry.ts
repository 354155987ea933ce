import { bandwidth } from './bandwidth.js';
import { latency } from './latency.js';
import { limitData } from './limit-data.js';
import { noop } from './noop.js';
import { resetPeer } from './reset-peer.js';
import { slicer } from './slicer.js';
import { slowClose } from './slow-close.js';
import { timeout } from './timeout.js';
import type { ToxicKind } from './toxic.js';

/** Every toxic type, by wire name. Adding a toxic is one file plus one line here. */
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

const KINDS: Record<ToxicType, ToxicKind> = {
  latency,
  bandwidth,
  slow_close: slowClose,
  timeout,
  reset_peer: resetPeer,
  slicer,
  limit_data: limitData,
  noop,
};

/** The toxic kind for a wire type name (case-sensitive, like the original), or undefined. */
export function toxicKind(type: string): ToxicKind | undefined {
  return (TOXIC_TYPES as readonly string[]).includes(type) ? KINDS[type as ToxicType] : undefined;
}

import type { ToxicKind } from './toxics/toxic.js';

/** The two one-way pipelines of a connection: client→server and server→client. */
export const DIRECTIONS = ['upstream', 'downstream'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** A toxic as configured on a proxy (what the API shows). */
export interface ToxicConfig {
  readonly name: string;
  readonly type: string;
  /** The stream exactly as sent (casing kept); `direction` is its parsed value. */
  readonly stream: string;
  readonly direction: Direction;
  /** float32 probability that a link applies this toxic (rolled when a stage starts). */
  toxicity: number;
  attributes: Record<string, number>;
  readonly kind: ToxicKind;
}

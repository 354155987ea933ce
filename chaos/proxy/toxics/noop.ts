import type { Stage, StageOutput, ToxicKind } from './toxic.js';

/** A stage that passes everything through; also used when a toxicity roll fails. */
export function passThrough(out: StageOutput): Stage {
  return {
    push: (chunk) => out.emit(chunk),
    end: () => out.end(),
    interrupt: () => ({ chunks: [], ended: false }),
    heldBytes: () => 0,
  };
}

/** `noop`: passes data through unchanged. */
export const noop: ToxicKind = {
  type: 'noop',
  goStruct: 'NoopToxic',
  attributes: [],
  validate: () => undefined,
  create: (_attrs, out) => passThrough(out),
};

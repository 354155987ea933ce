import type { Stage, ToxicKind } from './toxic.js';

/**
 * `limit_data`: forwards at most `bytes` bytes per connection and direction, truncating the chunk
 * that crosses the limit, then closes. The count lives in the per-link state, so it survives updates.
 */
export const limitData: ToxicKind = {
  type: 'limit_data',
  goStruct: 'LimitDataToxic',
  attributes: [{ name: 'bytes', goType: 'int64' }],
  validate: () => undefined,
  create(a, out, state): Stage {
    const limit = a['bytes'] ?? 0;
    let closed = false;
    return {
      push(chunk) {
        if (closed) return;
        const remaining = Math.max(0, limit - (state['sent'] ?? 0));
        const data = remaining < chunk.data.length ? chunk.data.subarray(0, remaining) : chunk.data;
        if (data.length > 0) {
          out.emit(data === chunk.data ? chunk : { data, readAtMs: chunk.readAtMs });
          state['sent'] = (state['sent'] ?? 0) + data.length;
        }
        if (limit - (state['sent'] ?? 0) <= 0) {
          closed = true;
          out.close();
        }
      },
      end: () => out.close(),
      interrupt: () => ({ chunks: [], ended: false }),
      heldBytes: () => 0,
    };
  },
};

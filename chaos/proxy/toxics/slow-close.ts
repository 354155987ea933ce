import { delayAttributeProblem, type Stage, type ToxicKind } from './toxic.js';

/** `slow_close`: passes data unchanged but delays the close (EOF) by `delay` ms. */
export const slowClose: ToxicKind = {
  type: 'slow_close',
  goStruct: 'SlowCloseToxic',
  attributes: [{ name: 'delay', goType: 'int64' }],
  validate: (a) => delayAttributeProblem(a, ['delay']),
  create(a, out): Stage {
    let timer: NodeJS.Timeout | undefined;
    return {
      push: (chunk) => out.emit(chunk),
      end() {
        timer = setTimeout(() => out.end(), a['delay'] ?? 0);
      },
      interrupt() {
        if (timer) clearTimeout(timer);
        return { chunks: [], ended: timer !== undefined };
      },
      heldBytes: () => 0,
    };
  },
};

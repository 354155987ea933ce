import { negativeAttribute, type Stage, type ToxicKind } from './toxic.js';

/**
 * `timeout`: discards all data; closes the link `timeout` ms after the stage started
 * (0 = never: a black hole). Removing it closes the links it ran on.
 */
export const timeout: ToxicKind = {
  type: 'timeout',
  goStruct: 'TimeoutToxic',
  attributes: [{ name: 'timeout', goType: 'int64' }],
  closesOnRemove: true,
  validate: (a) => negativeAttribute(a, ['timeout']),
  create(a, out): Stage {
    const ms = a['timeout'] ?? 0;
    const timer = ms > 0 ? setTimeout(() => out.close(), ms) : undefined;
    return {
      push: () => undefined,
      end: () => out.close(),
      interrupt() {
        if (timer) clearTimeout(timer);
        return { chunks: [], ended: false };
      },
    };
  },
};

import { delayAttributeProblem, type Stage, type ToxicKind } from './toxic.js';

/**
 * `timeout`: discards all data and closes the link once no data has arrived in its direction for
 * `timeout` ms: an idle timeout, counted from the stage's start (connection setup, toxic add or
 * update) and restarted by every chunk, as Toxiproxy's `time.After` in its read loop does.
 * 0 = never close (a black hole). EOF closes at once. Removing it closes the links it ran on.
 */
export const timeout: ToxicKind = {
  type: 'timeout',
  goStruct: 'TimeoutToxic',
  attributes: [{ name: 'timeout', goType: 'int64' }],
  closesOnRemove: true,
  validate: (a) => delayAttributeProblem(a, ['timeout']),
  create(a, out): Stage {
    const ms = a['timeout'] ?? 0;
    const timer = ms > 0 ? setTimeout(() => out.close(), ms) : undefined;
    return {
      push: () => timer?.refresh(),
      end: () => out.close(),
      interrupt() {
        if (timer) clearTimeout(timer);
        return { chunks: [], ended: false };
      },
      heldBytes: () => 0,
    };
  },
};

import { delayAttributeProblem, type Stage, type ToxicKind } from './toxic.js';

/**
 * `reset_peer`: on the first chunk (or EOF) in its direction, discards it, waits `timeout` ms and
 * closes the connection, with an RST when the toxic was present when the connection was accepted.
 */
export const resetPeer: ToxicKind = {
  type: 'reset_peer',
  goStruct: 'ResetToxic',
  attributes: [{ name: 'timeout', goType: 'int64' }],
  validate: (a) => delayAttributeProblem(a, ['timeout']),
  create(a, out): Stage {
    let fired = false;
    // Like the original, the wait is not interruptible once it started.
    const fire = (): void => {
      if (fired) return;
      fired = true;
      setTimeout(() => out.reset(), a['timeout'] ?? 0);
    };
    return {
      push: fire,
      end: fire,
      interrupt: () => ({ chunks: [], ended: false }),
      heldBytes: () => 0,
    };
  },
};

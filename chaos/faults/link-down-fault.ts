import type { FaultDriver } from './fault-driver.js';
import { isNotFound, proxyFields, setLinkEnabled } from './proxy-link.js';

/** A link that is down (`enabled: false`); removal enables it again. */
export const linkDownFault: FaultDriver<'link-down'> = {
  kind: 'link-down',
  observableEffect: 'connections over the link are refused and open ones are closed',
  modes: { embedded: true, attach: true, kubernetes: true },
  prepare(request, _id, deps) {
    return Promise.resolve({ ...proxyFields(deps), link: request.link });
  },
  async apply(record) {
    await setLinkEnabled(record.proxyUrl, record.link, false);
  },
  async remove(record) {
    try {
      await setLinkEnabled(record.proxyUrl, record.link, true);
    } catch (err) {
      // A link that no longer exists has nothing left to re-enable.
      if (isNotFound((err as { cause?: unknown }).cause)) return { status: 'already-gone' };
      throw err;
    }
    return { status: 'removed' };
  },
};

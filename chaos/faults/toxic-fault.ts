import type { ICreateToxicBody } from 'toxiproxy-node-client';
import { FaultlineError } from '../errors.js';
import type { FaultDriver } from './fault-driver.js';
import { resolveToxicAttributes } from './fault-spec.js';
import { getLink, isNotFound, proxyFields } from './proxy-link.js';

/**
 * A Toxiproxy toxic on a link. The create body carries Faultline's `lease_ms`, so Faultline's proxy
 * removes the toxic by itself when the lease ends (real Toxiproxy ignores the key).
 */
export const toxicFault: FaultDriver<'toxic'> = {
  kind: 'toxic',
  observableEffect: "traffic on the link shows the toxic's effect (delay, throttling, cuts) for the window",
  modes: { embedded: true, attach: true, kubernetes: true },
  prepare(request, id, deps) {
    return Promise.resolve({
      ...proxyFields(deps),
      link: request.link,
      toxicName: `faultline_${id}`,
      toxic: request.toxic,
    });
  },
  async apply(record) {
    const link = await getLink(record.proxyUrl, record.link);
    const body = {
      name: record.toxicName,
      type: record.toxic.type,
      stream: record.toxic.stream,
      toxicity: record.toxic.toxicity,
      attributes: resolveToxicAttributes(record.toxic),
      lease_ms: record.leaseMs,
    };
    try {
      // `noop` and `lease_ms` are outside the client's types, though it sends any body as JSON.
      await link.addToxic(body as unknown as ICreateToxicBody<never>);
    } catch (err) {
      throw new FaultlineError(
        'ERR_FAULT_PROXY',
        `cannot add toxic ${record.toxic.type} on link \`${record.link}\``,
        {
          cause: err,
        },
      );
    }
  },
  async remove(record) {
    try {
      const link = await getLink(record.proxyUrl, record.link);
      const toxic = await link.getToxic(record.toxicName);
      await toxic.remove();
      return { status: 'removed' };
    } catch (err) {
      // A missing proxy or toxic means the lease (or someone) removed it already.
      if (isNotFound(err) || isNotFound((err as { cause?: unknown }).cause))
        return { status: 'already-gone' };
      throw new FaultlineError(
        'ERR_FAULT_PROXY',
        `cannot remove toxic ${record.toxicName} from \`${record.link}\``,
        {
          cause: err,
        },
      );
    }
  },
};

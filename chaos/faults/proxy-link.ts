import { Toxiproxy, type Proxy } from 'toxiproxy-node-client';
import { FaultlineError } from '../errors.js';

/**
 * Access to one proxy link through toxiproxy-node-client (the only way the controller reaches the
 * proxy, so real Toxiproxy works too). The client never reads error bodies: statuses are told
 * apart by the "status code <N>" in its message.
 */

/** True when a toxiproxy-node-client error is an HTTP 404. */
export function isNotFound(err: unknown): boolean {
  return err instanceof Error && /status code 404\b/.test(err.message);
}

/** The proxy URL for applying a link fault, or `ERR_FAULT_NO_PROXY`. */
export function requireProxyUrl(proxyUrl: string | undefined): string {
  if (proxyUrl === undefined || proxyUrl === '') {
    throw new FaultlineError('ERR_FAULT_NO_PROXY', 'link faults need a fault proxy URL (none is configured)');
  }
  return proxyUrl;
}

/** The record fields of a link fault: the proxy URL (or `ERR_FAULT_NO_PROXY`), and whether it lives in this process. */
export function proxyFields(deps: { proxyUrl?: string; proxyInController?: boolean }): {
  proxyUrl: string;
  proxyInController?: true;
} {
  return {
    proxyUrl: requireProxyUrl(deps.proxyUrl),
    ...(deps.proxyInController === true ? { proxyInController: true as const } : {}),
  };
}

/** The link `name` on the proxy at `proxyUrl`; `ERR_FAULT_PROXY` when it cannot be read. */
export async function getLink(proxyUrl: string, name: string): Promise<Proxy> {
  try {
    return await new Toxiproxy(proxyUrl).get(name);
  } catch (err) {
    const what = isNotFound(err) ? 'does not exist' : 'cannot be read';
    throw new FaultlineError('ERR_FAULT_PROXY', `link \`${name}\` on ${proxyUrl} ${what}`, { cause: err });
  }
}

/** Sets a link's `enabled` flag, keeping its listen and upstream addresses. */
export async function setLinkEnabled(proxyUrl: string, name: string, enabled: boolean): Promise<void> {
  const link = await getLink(proxyUrl, name);
  try {
    // The client updates with POST and requires the whole body; resend the current addresses.
    await link.update({ enabled, listen: link.listen, upstream: link.upstream });
  } catch (err) {
    throw new FaultlineError('ERR_FAULT_PROXY', `cannot set enabled=${enabled} on link \`${name}\``, {
      cause: err,
    });
  }
}

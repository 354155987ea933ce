import { Toxiproxy } from 'toxiproxy-node-client';

/** A link the run left in a faulted state: toxics still on it, or disabled. */
export interface Leftover {
  link: string;
  toxics: string[];
  enabled: boolean;
}

/**
 * Lists every link of the proxy at `proxyUrl` that still has a toxic or is disabled, through
 * toxiproxy-node-client. The runner calls it after removing its faults, as a last safety net
 * (and to prove the removal worked).
 */
export async function findProxyLeftovers(proxyUrl: string): Promise<Leftover[]> {
  const client = new Toxiproxy(proxyUrl);
  const leftovers: Leftover[] = [];
  for (const proxy of Object.values(await client.getAll())) {
    const { data } = await proxy.api.get<{ name: string }[]>(`${proxy.getPath()}/toxics`);
    if (data.length > 0 || !proxy.enabled)
      leftovers.push({ link: proxy.name, toxics: data.map((t) => t.name), enabled: proxy.enabled });
  }
  return leftovers;
}

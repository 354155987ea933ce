import { resolveListen } from './address.js';
import { apiError, toApiError, type ApiError } from './api-error.js';
import { Proxy, type ProxyEnv } from './proxy.js';

/** Input for creating or populating a proxy. */
export interface ProxyInput {
  name: string;
  listen: string;
  upstream: string;
  enabled: boolean;
}

/** The outcome of /populate: the proxies processed and the first error, if any. */
export interface PopulateResult {
  proxies: Proxy[];
  error: ApiError | undefined;
}

async function sameListen(a: string, b: string): Promise<boolean> {
  if (a === b) return true;
  const [ra, rb] = await Promise.all([resolveListen(a).catch(() => a), resolveListen(b).catch(() => b)]);
  return JSON.stringify(ra) === JSON.stringify(rb);
}

/** Every proxy of a server, by name, with create, populate and reset semantics of Toxiproxy. */
export class ProxyCollection {
  private readonly proxies = new Map<string, Proxy>();

  constructor(private readonly env: ProxyEnv) {}

  list(): Proxy[] {
    return [...this.proxies.values()];
  }

  /** The proxy, or a 404 `proxy not found`. */
  get(name: string): Proxy {
    const p = this.proxies.get(name);
    if (!p) throw apiError('proxyNotFound');
    return p;
  }

  /** Creates a proxy (409 if the name exists); starts it when enabled, and adds it only if that worked. */
  async create(input: ProxyInput): Promise<Proxy> {
    if (this.proxies.has(input.name)) throw apiError('proxyAlreadyExists');
    const proxy = new Proxy(input.name, input.listen, input.upstream, this.env);
    if (input.enabled) await proxy.start();
    if (this.proxies.has(input.name)) {
      proxy.stop();
      throw apiError('proxyAlreadyExists');
    }
    this.proxies.set(input.name, proxy);
    return proxy;
  }

  /** Deletes a proxy and closes its connections (404 if missing). */
  remove(name: string): void {
    this.get(name).stop();
    this.proxies.delete(name);
  }

  /** Applies items in order; unchanged proxies are left untouched, changed ones replaced. */
  async populate(items: readonly ProxyInput[]): Promise<PopulateResult> {
    const done: Proxy[] = [];
    for (const item of items) {
      try {
        done.push(await this.populateOne(item));
      } catch (err) {
        return { proxies: done, error: toApiError(err) };
      }
    }
    return { proxies: done, error: undefined };
  }

  private async populateOne(item: ProxyInput): Promise<Proxy> {
    const existing = this.proxies.get(item.name);
    if (existing) {
      if (existing.upstream === item.upstream && (await sameListen(existing.listen, item.listen)))
        return existing;
      existing.stop();
      this.proxies.delete(item.name);
    }
    const proxy = new Proxy(item.name, item.listen, item.upstream, this.env);
    if (existing) this.proxies.set(item.name, existing);
    if (item.enabled) await proxy.start();
    this.proxies.set(item.name, proxy);
    return proxy;
  }

  /** /reset: for each proxy, start it if disabled and remove its toxics; aborts at a failed start. */
  async reset(): Promise<void> {
    const shuffled = this.list().sort(() => this.env.random() - 0.5);
    for (const p of shuffled) {
      await p.start();
      p.removeAllToxics();
    }
  }

  /** Stops every proxy (server shutdown). */
  stopAll(): void {
    for (const p of this.proxies.values()) p.stop();
  }
}

/** One entry of target-services/links.json (Toxiproxy `/populate` format). */
export interface LinkEntry {
  name: string;
  listen: string;
  upstream: string;
  enabled?: boolean;
}

interface ComposeService {
  network_mode?: string;
  command?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown>;
}

/** The compose service that owns the fleet's network namespace and runs Toxiproxy. */
export const PROXY_SERVICE = 'toxiproxy';
/** Where compose mounts the link map inside the Toxiproxy container. */
export const LINKS_MOUNT = './target-services/links.json:/config/links.json:ro';
/** Link dependency name → compose service and its fixed port (fleet services use their PORT). */
const INFRA: Record<string, { service: string; port: number }> = {
  postgres: { service: 'postgres', port: 5432 },
  amqp: { service: 'rabbitmq', port: 5672 },
};

function portOf(address: string): number {
  return Number(address.slice(address.lastIndexOf(':') + 1));
}

function proxyProblems(proxy: ComposeService | undefined): string[] {
  if (!proxy) return [`compose has no ${PROXY_SERVICE} service`];
  const out: string[] = [];
  if (!proxy.command?.includes('-config=/config/links.json'))
    out.push(`${PROXY_SERVICE} does not load -config=/config/links.json`);
  if (!proxy.volumes?.includes(LINKS_MOUNT)) out.push(`${PROXY_SERVICE} does not mount ${LINKS_MOUNT}`);
  return out;
}

function clientProblems(link: LinkEntry, client: string, svc: ComposeService | undefined): string[] {
  if (!svc) return [`link ${link.name}: compose has no service ${client}`];
  const out: string[] = [];
  const env = svc.environment ?? {};
  if (env['FAULTLINE_VIA_PROXY'] !== 'on')
    out.push(`${client} does not set FAULTLINE_VIA_PROXY=on, so link ${link.name} is bypassed`);
  if (env['FAULTLINE_LINKS'] !== 'target-services/links.json')
    out.push(`${client} does not read target-services/links.json`);
  if (svc.network_mode !== `service:${PROXY_SERVICE}`)
    out.push(`${client} is not in the ${PROXY_SERVICE} network namespace`);
  if (!svc.depends_on || !(PROXY_SERVICE in svc.depends_on))
    out.push(`${client} does not depend on ${PROXY_SERVICE}`);
  return out;
}

function upstreamProblems(
  link: LinkEntry,
  client: string,
  dep: string,
  services: Record<string, ComposeService>,
): string[] {
  const infra = INFRA[dep];
  const target = infra?.service ?? dep;
  const svc = services[target];
  if (!svc) return [`link ${link.name}: compose has no upstream service ${target}`];
  const out: string[] = [];
  const port = infra?.port ?? Number(svc.environment?.['PORT']);
  if (portOf(link.upstream) !== port)
    out.push(`link ${link.name}: upstream ${link.upstream} is not ${target}'s port ${port}`);
  if (svc.network_mode !== `service:${PROXY_SERVICE}`)
    out.push(`${target} is not in the ${PROXY_SERVICE} network namespace`);
  const deps = services[client]?.depends_on;
  if (services[client] && !(deps && target in deps))
    out.push(`${client} does not depend on ${target} (link ${link.name})`);
  return out;
}

/**
 * Checks that a parsed compose file (YAML merge keys resolved) and the link map agree: Toxiproxy
 * loads the link map itself (so every link is a route), listeners are pod-local, every link's
 * client routes through the proxy and depends on its upstream, and every upstream address is the
 * port of the compose service the link names. Returns problems (empty when they agree). Pure.
 */
export function checkComposeLinks(
  compose: { services?: Record<string, ComposeService> },
  links: readonly LinkEntry[],
): string[] {
  const services = compose.services ?? {};
  const out = proxyProblems(services[PROXY_SERVICE]);
  const clients = new Set<string>();
  for (const link of links) {
    const dash = link.name.indexOf('-');
    if (dash <= 0) {
      out.push(`link ${link.name} is not named <client>-<dependency>`);
      continue;
    }
    const client = link.name.slice(0, dash);
    const port = portOf(link.listen);
    if (!link.listen.startsWith('127.0.0.1:') || port < 21000 || port > 21099)
      out.push(`link ${link.name}: listen ${link.listen} is not 127.0.0.1:21000..21099`);
    if (!clients.has(client)) out.push(...clientProblems(link, client, services[client]));
    clients.add(client);
    out.push(...upstreamProblems(link, client, link.name.slice(dash + 1), services));
  }
  return out;
}

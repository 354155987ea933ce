import { strict as assert } from 'node:assert';
import { Toxiproxy } from 'toxiproxy-node-client';
import { startProxyServer, type ProxyServer } from '../proxy/index.js';
import { FLEET_SERVICES, type FleetService } from './fleet-services.js';
import { placeOrder, startTestFleet, waitForTerminal, type TestFleet } from './fleet-harness.js';
import type { LinkEntry } from './link-map.js';
import { parseLinkTraffic, type LinkTraffic } from './link-traffic.js';
import { listTcpSockets, outgoingPeerPorts } from './tcp-sockets.js';

const item = () => ({ customerId: 'c-proxy', items: [{ sku: 'SKU-0001', quantity: 1 }] });
const portOf = (address: string): number => Number(address.slice(address.lastIndexOf(':') + 1));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Where each running service of the fleet connects to right now (peer ports). */
async function peersByService(
  fleet: TestFleet,
  only?: readonly FleetService[],
): Promise<Map<FleetService, number[]>> {
  const sockets = await listTcpSockets();
  const peers = new Map<FleetService, number[]>();
  for (const s of FLEET_SERVICES)
    if (!only || only.includes(s.name)) peers.set(s.name, outgoingPeerPorts(sockets, fleet.pids[s.name]));
  return peers;
}

/** Services whose connections include one that does not go to a port in `allowed`. */
function strayConnections(peers: Map<FleetService, number[]>, allowed: Set<number>): string[] {
  return [...peers].flatMap(([svc, ports]) =>
    ports.filter((p) => !allowed.has(p)).map((p) => `${svc} → :${p}`),
  );
}

/** Links without bytes in both directions in the proxy's counters (polled until none, ≤ 20 s). */
async function linksWithoutTraffic(proxyUrl: string, links: readonly LinkEntry[]): Promise<string[]> {
  let missing: string[] = links.map((l) => l.name);
  for (let i = 0; i < 100 && missing.length > 0; i++) {
    if (i > 0) await sleep(200);
    const traffic = parseLinkTraffic(await (await fetch(`${proxyUrl}/metrics`)).text());
    const both = (t: LinkTraffic | undefined): boolean => (t?.upstream ?? 0) > 0 && (t?.downstream ?? 0) > 0;
    missing = links.filter((l) => !both(traffic.get(l.name))).map((l) => l.name);
  }
  return missing;
}

describe('the fleet through the fault proxy (real RabbitMQ and PostgreSQL)', function () {
  this.timeout(180000);

  describe('with the embedded proxy', () => {
    let fleet: TestFleet;
    before(async () => (fleet = await startTestFleet({ proxy: 'embedded' })));
    after(async () => fleet?.cleanup());

    it('sends every HTTP, AMQP and PostgreSQL connection of every service through a named link', async () => {
      assert.ok(fleet.proxyUrl, 'the fleet reports its proxy API URL');
      const placed = await placeOrder(fleet, item());
      assert.equal((await waitForTerminal(fleet, placed.body.id)).status, 'completed');
      assert.equal((await fetch(`${fleet.urls.gateway}/v1/products`)).status, 200);

      const peers = await peersByService(fleet);
      const listenPorts = new Set(fleet.links.map((l) => portOf(l.listen)));
      assert.deepEqual(strayConnections(peers, listenPorts), [], 'no connection bypasses the proxy');
      for (const s of ['gateway', 'order', 'payment', 'inventory', 'shipping'] as const)
        assert.ok((peers.get(s) ?? []).length > 0, `${s} holds connections through the proxy`);

      // The proxy counts a connection's bytes when it ends: stop the services, then read them.
      for (const s of [...FLEET_SERVICES].reverse()) await fleet.stopService(s.name);
      assert.deepEqual(await linksWithoutTraffic(fleet.proxyUrl, fleet.links), []);
    });
  });

  describe('with a fault on a link', () => {
    let fleet: TestFleet;
    let proxy: Toxiproxy;
    before(async () => {
      fleet = await startTestFleet({ proxy: 'embedded' });
      proxy = new Toxiproxy(fleet.proxyUrl ?? '');
    });
    afterEach(async () => proxy.reset());
    after(async () => fleet?.cleanup());

    it('compensates an order while payment-psp resets connections, and completes the next once it is removed', async () => {
      const link = await proxy.get('payment-psp');
      const toxic = await link.addToxic({
        name: 'psp_reset',
        type: 'reset_peer',
        stream: 'upstream',
        toxicity: 1,
        attributes: { timeout: 0 },
      });
      const failed = await waitForTerminal(fleet, (await placeOrder(fleet, item())).body.id, 60000);
      assert.equal(failed.status, 'compensated');
      assert.match(failed.reason ?? '', /^(payment_unavailable|step_timeout)$/);
      await toxic.remove();
      const next = await waitForTerminal(fleet, (await placeOrder(fleet, item())).body.id, 60000);
      assert.equal(next.status, 'completed');
    });

    it('compensates an order while the payment-psp link is down, and completes the next once it is up', async () => {
      const link = await proxy.get('payment-psp');
      await link.update({ enabled: false, listen: link.listen, upstream: link.upstream });
      const failed = await waitForTerminal(fleet, (await placeOrder(fleet, item())).body.id, 60000);
      assert.equal(failed.status, 'compensated');
      assert.match(failed.reason ?? '', /^(payment_unavailable|step_timeout)$/);
      await link.update({ enabled: true, listen: link.listen, upstream: link.upstream });
      const next = await waitForTerminal(fleet, (await placeOrder(fleet, item())).body.id, 60000);
      assert.equal(next.status, 'completed');
    });
  });

  describe('with direct connections (proxy: direct)', () => {
    let fleet: TestFleet;
    before(async () => (fleet = await startTestFleet({ proxy: 'direct' })));
    after(async () => fleet?.cleanup());

    it('completes an order with every service connected straight to its dependencies', async () => {
      assert.equal(fleet.proxyUrl, undefined);
      const placed = await placeOrder(fleet, item());
      assert.equal((await waitForTerminal(fleet, placed.body.id)).status, 'completed');
      const upstreamPorts = new Set(fleet.links.map((l) => portOf(l.upstream)));
      const peers = await peersByService(fleet);
      assert.deepEqual(strayConnections(peers, upstreamPorts), [], 'every connection goes to an upstream');
      assert.ok((peers.get('order') ?? []).includes(5672), 'order talks to RabbitMQ directly');
    });
  });

  describe('with an external Toxiproxy-compatible server ({ url })', () => {
    let server: ProxyServer;
    let fleet: TestFleet | undefined;
    before(async () => (server = await startProxyServer({ port: 0 })));
    after(async () => {
      await fleet?.cleanup();
      await server?.close();
    });

    it('populates the server with every link, and deletes only those links on stop', async () => {
      const client = new Toxiproxy(server.url);
      await client.createProxy({ name: 'bystander', listen: '127.0.0.1:0', upstream: '127.0.0.1:9' });
      fleet = await startTestFleet({ proxy: { url: server.url }, only: ['psp', 'payment'] });
      assert.equal(fleet.proxyUrl, server.url);
      const names = Object.keys(await client.getAll()).sort();
      assert.deepEqual(names, [...fleet.links.map((l) => l.name), 'bystander'].sort());
      const peers = await peersByService(fleet, ['payment']);
      const listenPorts = new Set(fleet.links.map((l) => portOf(l.listen)));
      assert.deepEqual(strayConnections(peers, listenPorts), []);
      assert.ok(
        (peers.get('payment') ?? []).length > 0,
        'payment (ready: broker and database up) is connected',
      );
      await fleet.cleanup();
      fleet = undefined;
      assert.deepEqual(Object.keys(await client.getAll()), ['bystander']);
    });
  });
});

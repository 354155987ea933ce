import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Fleet, FleetService } from '../index.js';

/** Base URL of a service's loopback admin listener. */
export function adminUrl(fleet: Fleet, service: FleetService): string {
  return fleet.adminUrls[service];
}

/**
 * Sums the samples of one Prometheus series on a service's `/metrics` whose labels include every
 * pair of `labels`; 0 when there is none (a counter that never moved is not exported).
 */
export async function readMetric(
  fleet: Fleet,
  service: FleetService,
  series: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const text = await (await fetch(`${fleet.urls[service]}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!m || m[1] !== series) continue;
    const have = m[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => have.includes(`${k}="${v}"`))) sum += Number(m[3]);
  }
  return sum;
}

/** One span event received over OTLP. */
export interface ReceivedEvent {
  service: string;
  span: string;
  name: string;
  attributes: Record<string, unknown>;
}

type AnyValue = {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
};
type KeyValue = { key: string; value: AnyValue };
const toRecord = (kvs: KeyValue[] = []): Record<string, unknown> =>
  Object.fromEntries(
    kvs.map((kv) => [
      kv.key,
      kv.value.stringValue ?? kv.value.intValue ?? kv.value.doubleValue ?? kv.value.boolValue,
    ]),
  );

interface ExportRequest {
  resourceSpans?: {
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: { spans?: { name: string; events?: { name: string; attributes?: KeyValue[] }[] }[] }[];
  }[];
}

/**
 * An OTLP/HTTP JSON receiver on loopback that keeps span EVENTS (the pattern signals). Services
 * export to it with `OTEL_EXPORTER_OTLP_ENDPOINT` and `OTEL_EXPORTER_OTLP_PROTOCOL=http/json`.
 */
export async function startEventReceiver(): Promise<{
  endpoint: string;
  events: ReceivedEvent[];
  close: () => Promise<void>;
}> {
  const events: ReceivedEvent[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ExportRequest;
        for (const rs of body.resourceSpans ?? []) {
          const name = toRecord(rs.resource?.attributes)['service.name'];
          const service = typeof name === 'string' ? name : '';
          for (const ss of rs.scopeSpans ?? [])
            for (const s of ss.spans ?? [])
              for (const e of s.events ?? [])
                events.push({ service, span: s.name, name: e.name, attributes: toRecord(e.attributes) });
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    events,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** Env that makes services export traces to `endpoint` quickly, as OTLP/HTTP JSON. */
export const exportTo = (endpoint: string): Record<string, string> => ({
  OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
  OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
  OTEL_BSP_SCHEDULE_DELAY: '100',
});

/** Polls `check` every 100 ms until it returns true (gives up after `timeoutMs`, default 30 s). */
export async function eventually(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 30000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting: ${what}`);
}

/** An order of one in-stock item. */
export const oneItem = (customerId = 'c-patterns') => ({
  customerId,
  items: [{ sku: 'SKU-0004', quantity: 1 }],
});

import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { startProxyServer, type ProxyServer } from './index.js';

async function echoServer(): Promise<{ server: Server; port: number }> {
  const server = createServer((s) => {
    s.on('error', () => undefined);
    s.pipe(s);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as { port: number }).port };
}

async function dial(listen: string): Promise<Socket> {
  const [host, port] = listen.split(':');
  const s = connect(Number(port), host);
  s.on('error', () => undefined);
  await once(s, 'connect');
  return s;
}

/** Resolves on 'close' even when the socket errored first (events.once would reject). */
function closed(s: Socket): Promise<void> {
  return new Promise((resolve) => (s.destroyed ? resolve() : s.once('close', () => resolve())));
}

async function roundTripMs(s: Socket, msg: string): Promise<number> {
  const t = performance.now();
  s.write(msg);
  let got = '';
  while (got.length < msg.length) got += String((await once(s, 'data'))[0]);
  assert.equal(got, msg);
  return performance.now() - t;
}

describe('proxy data path over real sockets', function () {
  let api: ProxyServer;
  let echo: { server: Server; port: number };
  let listen = '';
  const call = async (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(api.url + path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

  beforeEach(async () => {
    echo = await echoServer();
    api = await startProxyServer({ port: 0, proxyMetrics: true });
    const res = await call('POST', '/proxies', {
      name: 'echo',
      listen: '127.0.0.1:0',
      upstream: `127.0.0.1:${echo.port}`,
    });
    assert.equal(res.status, 201);
    listen = ((await res.json()) as { listen: string }).listen;
  });
  afterEach(async () => {
    await api.close();
    echo.server.close();
  });

  it('forwards a 4 MB message unchanged with no toxic', async () => {
    const s = await dial(listen);
    const payload = Buffer.alloc(4 * 1024 * 1024, 7);
    let received = 0;
    s.on('data', (d: Buffer) => (received += d.length));
    s.write(payload);
    while (received < payload.length) await once(s, 'data');
    assert.equal(received, payload.length);
    s.destroy();
  });

  it('applies and removes a latency toxic on a kept-open connection (tolerance: +40 ms)', async () => {
    const s = await dial(listen);
    assert.ok((await roundTripMs(s, 'a')) < 40);
    await call('POST', '/proxies/echo/toxics', { type: 'latency', attributes: { latency: 100 } });
    const slow = await roundTripMs(s, 'b');
    assert.ok(slow >= 99 && slow < 140, `RTT with latency 100 was ${slow} ms`);
    assert.equal((await call('DELETE', '/proxies/echo/toxics/latency_downstream')).status, 204);
    assert.ok((await roundTripMs(s, 'c')) < 40);
    s.destroy();
  });

  it('loses no buffered byte when a latency toxic is removed mid-flight', async () => {
    await call('POST', '/proxies/echo/toxics', { type: 'latency', attributes: { latency: 300 } });
    const s = await dial(listen);
    let got = '';
    s.on('data', (d: Buffer) => (got += String(d)));
    for (const part of ['one,', 'two,', 'three']) s.write(part);
    await new Promise((r) => setTimeout(r, 50));
    await call('DELETE', '/proxies/echo/toxics/latency_downstream');
    const deadline = Date.now() + 2000;
    while (got.length < 13 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.equal(got, 'one,two,three');
    s.destroy();
  });

  it('truncates at limit_data and then closes', async () => {
    await call('POST', '/proxies/echo/toxics', { type: 'limit_data', attributes: { bytes: 500 } });
    const s = await dial(listen);
    let received = 0;
    s.on('data', (d: Buffer) => (received += d.length));
    s.write(Buffer.alloc(2000));
    await closed(s);
    assert.equal(received, 500);
  });

  it('closes a timeout connection 300 ms after it started (tolerance: +60 ms)', async () => {
    await call('POST', '/proxies/echo/toxics', { type: 'timeout', attributes: { timeout: 300 } });
    const t = performance.now();
    const s = await dial(listen);
    s.write('dropped');
    let received = 0;
    s.on('data', (d: Buffer) => (received += d.length));
    await closed(s);
    const ms = performance.now() - t;
    assert.equal(received, 0);
    assert.ok(ms >= 295 && ms < 360, `closed after ${ms} ms`);
  });

  it('closes a black-holed connection when its timeout toxic is removed', async () => {
    await call('POST', '/proxies/echo/toxics', { type: 'timeout', attributes: { timeout: 0 } });
    const s = await dial(listen);
    s.write('x');
    const wasClosed = closed(s);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(s.destroyed, false);
    await call('DELETE', '/proxies/echo/toxics/timeout_downstream');
    await wasClosed;
  });

  it('resets the client with RST when reset_peer was present at accept, FIN when added later', async () => {
    await call('POST', '/proxies/echo/toxics', {
      type: 'reset_peer',
      stream: 'upstream',
      attributes: { timeout: 0 },
    });
    const s = await dial(listen);
    let code: string | undefined;
    s.on('error', (e: NodeJS.ErrnoException) => (code = e.code));
    s.write('x');
    await closed(s);
    assert.equal(code, 'ECONNRESET');

    await call('DELETE', '/proxies/echo/toxics/reset_peer_upstream');
    const later = await dial(listen);
    let laterCode: string | undefined;
    later.on('error', (e: NodeJS.ErrnoException) => (laterCode = e.code));
    // A round trip proves the proxy accepted this connection before the toxic exists.
    await roundTripMs(later, 'y');
    await call('POST', '/proxies/echo/toxics', {
      type: 'reset_peer',
      stream: 'upstream',
      attributes: { timeout: 0 },
    });
    later.write('x');
    await closed(later);
    assert.equal(laterCode, undefined);
  });

  it('closes live connections and refuses new ones when disabled', async () => {
    const s = await dial(listen);
    const wasClosed = closed(s);
    const res = await call('PATCH', '/proxies/echo', { enabled: false });
    assert.equal(((await res.json()) as { enabled: boolean }).enabled, false);
    await wasClosed;
    const [host, port] = listen.split(':');
    const refused = connect(Number(port), host);
    const [err] = (await once(refused, 'error')) as [NodeJS.ErrnoException];
    assert.equal(err.code, 'ECONNREFUSED');
  });

  it('counts bytes per direction in /metrics once the connection ends', async () => {
    const s = await dial(listen);
    await roundTripMs(s, 'hello');
    s.end();
    await closed(s);
    await new Promise((r) => setTimeout(r, 20));
    const text = await (await call('GET', '/metrics')).text();
    assert.match(text, /toxiproxy_proxy_sent_bytes_total\{direction="upstream",[^}]*proxy="echo"[^}]*\} 5/);
    assert.match(text, /toxiproxy_proxy_received_bytes_total\{direction="downstream",[^}]*\} 5/);
  });
});

import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeClient } from '../kube-client.js';

/** One request the fake API server received. Test support. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  contentType?: string;
  body?: unknown;
  /** For exec: the `command` query values (argv). */
  command?: string[];
}

/** What the fake answers exec with (over the v4.channel.k8s.io WebSocket protocol). */
export interface ExecAnswer {
  stdout?: string;
  stderr?: string;
  status: 'Success' | 'Failure';
  message?: string;
}

/** An answer: the first route matching method and path wins; later `answer()` calls go first. */
export interface FakeRoute {
  method: string;
  /** Exact path (query included when given), or a pattern tested against path and query. */
  path: string | RegExp;
  status?: number;
  body?: unknown;
  /** For an exec path: the command's output and exit status (status 101). */
  exec?: ExecAnswer | ((command: string[]) => ExecAnswer);
  /** For a portforward path: tunnel the stream to this loopback port (the pod's port stands in). */
  forwardTo?: number;
}

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/**
 * A stand-in for the Kubernetes API server in unit tests: a real HTTP server on 127.0.0.1 that
 * records every request and answers from canned responses (testing/api-responses.ts, in the
 * shapes the API server writes), including exec over WebSocket. Unmatched requests get the API
 * server's 404 `Status`. Test support.
 */
export class FakeApiServer {
  readonly requests: RecordedRequest[] = [];
  /** Upgraded (exec, port-forward) sockets, which `closeAllConnections` does not see. */
  private readonly upgraded = new Set<Duplex>();
  private routes: FakeRoute[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(routes: readonly FakeRoute[] = []): Promise<FakeApiServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const fake = new FakeApiServer(server, `http://127.0.0.1:${port}`);
    fake.routes = [...routes];
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const route = fake.record(req, text === '' ? undefined : (JSON.parse(text) as unknown));
        const status = route?.status ?? 404;
        const body = route === undefined ? notFoundStatus(req.url ?? '') : (route.body ?? {});
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
    });
    server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
      fake.upgraded.add(socket);
      socket.on('close', () => fake.upgraded.delete(socket));
      fake.upgrade(req, socket);
    });
    return fake;
  }

  /** Adds answers, ahead of the existing ones. */
  answer(...routes: FakeRoute[]): void {
    this.routes = [...routes, ...this.routes];
  }

  /** Requests other than reads (GET), in order: what the code changed. */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  /** A client of this server, bound to `namespace`, with a bearer token. */
  client(namespace: string): KubeClient {
    return new KubeClient(this.kubeConfig(namespace), namespace);
  }

  kubeConfig(namespace: string): KubeConfig {
    const kc = new KubeConfig();
    kc.loadFromString(this.kubeconfigYaml(namespace));
    return kc;
  }

  /** A kubeconfig file's text pointing at this server (context `fake`). */
  kubeconfigYaml(namespace: string): string {
    return [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{ name: fake, cluster: { server: '${this.url}', insecure-skip-tls-verify: true } }]`,
      'users: [{ name: tester, user: { token: fake-token } }]',
      `contexts: [{ name: fake, context: { cluster: fake, user: tester, namespace: ${namespace} } }]`,
      'current-context: fake',
      '',
    ].join('\n');
  }

  close(): Promise<void> {
    for (const socket of this.upgraded) socket.destroy();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private record(req: IncomingMessage, body: unknown, command?: string[]): FakeRoute | undefined {
    const path = req.url ?? '';
    const method = req.method ?? 'GET';
    this.requests.push({
      method,
      path,
      ...(req.headers['content-type'] === undefined ? {} : { contentType: req.headers['content-type'] }),
      ...(body === undefined ? {} : { body }),
      ...(command === undefined ? {} : { command }),
    });
    const bare = path.split('?')[0];
    return this.routes.find(
      (r) =>
        r.method === method &&
        (typeof r.path === 'string' ? r.path === path || r.path === bare : r.path.test(path)),
    );
  }

  /** Exec: the WebSocket handshake, stdout (channel 1), stderr (2), the status (3), then close. */
  private upgrade(req: IncomingMessage, socket: Duplex): void {
    const url = new URL(req.url ?? '', this.url);
    const command = url.searchParams.getAll('command');
    // client-node opens exec with GET (a WebSocket upgrade); the RBAC verb is pods/exec create.
    const route = this.record(req, undefined, command);
    if (route?.forwardTo !== undefined) {
      tunnel(req, socket, route.forwardTo, Number(url.searchParams.get('ports')));
      return;
    }
    if (route?.exec === undefined) {
      const status = route?.status ?? 404;
      const text = JSON.stringify(route?.body ?? notFoundStatus(req.url ?? ''));
      socket.end(
        `HTTP/1.1 ${status} Error\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
      );
      return;
    }
    const answer = typeof route.exec === 'function' ? route.exec(command) : route.exec;
    const key = String(req.headers['sec-websocket-key']);
    const accept = createHash('sha1')
      .update(key + WS_GUID)
      .digest('base64');
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: v4.channel.k8s.io\r\n\r\n`,
    );
    const send = (channel: number, text: string): void => {
      socket.write(frame(0x2, Buffer.concat([Buffer.from([channel]), Buffer.from(text, 'utf8')])));
    };
    if (answer.stdout) send(1, answer.stdout);
    if (answer.stderr) send(2, answer.stderr);
    send(
      3,
      JSON.stringify({
        metadata: {},
        status: answer.status,
        ...(answer.message === undefined ? {} : { message: answer.message }),
      }),
    );
    socket.write(frame(0x8, Buffer.from([0x03, 0xe8])));
    socket.on('data', () => socket.end());
    setTimeout(() => socket.destroy(), 200).unref();
  }
}

/** The handshake answer, with the channel protocol client-node asks for. */
function accept(req: IncomingMessage, socket: Duplex): void {
  const key = String(req.headers['sec-websocket-key']);
  const digest = createHash('sha1')
    .update(key + WS_GUID)
    .digest('base64');
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${digest}\r\nSec-WebSocket-Protocol: v4.channel.k8s.io\r\n\r\n`,
  );
}

/**
 * Port-forward as the API server speaks it: data on channel 0, errors on 1, each channel's first
 * frame starting with the port (2 bytes, little-endian); client frames are masked.
 */
function tunnel(req: IncomingMessage, socket: Duplex, targetPort: number, podPort: number): void {
  accept(req, socket);
  const portBytes = Buffer.from([podPort & 0xff, podPort >> 8]);
  socket.write(frame(0x2, Buffer.concat([Buffer.from([0]), portBytes])));
  socket.write(frame(0x2, Buffer.concat([Buffer.from([1]), portBytes])));
  const target = connect({ host: '127.0.0.1', port: targetPort });
  target.on('data', (d: Buffer) => socket.write(frame(0x2, Buffer.concat([Buffer.from([0]), d]))));
  target.on('close', () => socket.end());
  target.on('error', () => socket.destroy());
  socket.on('close', () => target.destroy());
  socket.on('error', () => target.destroy());
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      const parsed = readClientFrame(pending);
      if (parsed === undefined) return;
      pending = pending.subarray(parsed.size);
      if (parsed.opcode === 0x8) {
        target.end();
        socket.end();
        return;
      }
      // Channel 0 carries the data; the first byte names the channel.
      if (parsed.payload[0] === 0 && parsed.payload.length > 1) target.write(parsed.payload.subarray(1));
    }
  });
}

/** One masked client frame from the front of `buf`, or undefined when it is not complete yet. */
function readClientFrame(buf: Buffer): { opcode: number; payload: Buffer; size: number } | undefined {
  if (buf.length < 2) return undefined;
  const opcode = (buf[0] ?? 0) & 0x0f;
  let length = (buf[1] ?? 0) & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buf.length < 4) return undefined;
    length = buf.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buf.length < 10) return undefined;
    length = Number(buf.readBigUInt64BE(2));
    offset = 10;
  }
  const masked = ((buf[1] ?? 0) & 0x80) !== 0;
  const maskEnd = offset + (masked ? 4 : 0);
  if (buf.length < maskEnd + length) return undefined;
  const payload = Buffer.from(buf.subarray(maskEnd, maskEnd + length));
  if (masked)
    for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] ?? 0) ^ (buf[offset + (i % 4)] ?? 0);
  return { opcode, payload, size: maskEnd + length };
}

/** One unmasked WebSocket frame from the server. */
function frame(opcode: number, payload: Buffer): Buffer {
  let head: Buffer;
  if (payload.length < 126) head = Buffer.from([0x80 | opcode, payload.length]);
  else if (payload.length < 65536)
    head = Buffer.from([0x80 | opcode, 126, payload.length >> 8, payload.length & 0xff]);
  else {
    head = Buffer.alloc(10);
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(payload.length), 2);
  }
  return Buffer.concat([head, payload]);
}

/** The API server's answer to an unknown object or resource. */
function notFoundStatus(path: string): Record<string, unknown> {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `the server could not find the requested resource (${path.split('?')[0]})`,
    reason: 'NotFound',
    details: {},
    code: 404,
  };
}

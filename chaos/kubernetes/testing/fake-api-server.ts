import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
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
    server.on('upgrade', (req: IncomingMessage, socket: Duplex) => fake.upgrade(req, socket));
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

/** One unmasked WebSocket frame from the server. */
function frame(opcode: number, payload: Buffer): Buffer {
  const head =
    payload.length < 126
      ? Buffer.from([0x80 | opcode, payload.length])
      : Buffer.from([0x80 | opcode, 126, payload.length >> 8, payload.length & 0xff]);
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

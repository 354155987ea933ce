import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AnnotationBody } from '../grafana-annotations.js';

/** One request the fake received. */
export interface RecordedAnnotation {
  method: string;
  path: string;
  authorization: string | undefined;
  body: AnnotationBody;
}

/** A stand-in for Grafana's HTTP API at the network edge (Grafana cannot be installed here). */
export interface FakeGrafana {
  url: string;
  requests: RecordedAnnotation[];
  close(): Promise<void>;
}

/**
 * Starts a loopback HTTP server answering `POST /api/annotations` the way Grafana does
 * (`{ id, message: 'Annotation added' }`) and recording every request; `status` forces another
 * answer (e.g. 500) for failure tests.
 */
export async function startFakeGrafana(options: { status?: number } = {}): Promise<FakeGrafana> {
  const requests: RecordedAnnotation[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      let body: AnnotationBody;
      try {
        body = JSON.parse(text) as AnnotationBody;
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end('{"message":"bad request data"}');
        return;
      }
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        authorization: req.headers.authorization,
        body,
      });
      const status = options.status ?? (req.method === 'POST' && req.url === '/api/annotations' ? 200 : 404);
      res
        .writeHead(status, { 'content-type': 'application/json' })
        .end(
          JSON.stringify(
            status === 200 ? { id: requests.length, message: 'Annotation added' } : { message: 'failed' },
          ),
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import { describeError, FaultlineError } from '../errors.js';
import { assertInNamespace } from './namespace-guard.js';

/** An answer of the API server other than 2xx, as a `FaultlineError` that keeps the HTTP status. */
export class KubeApiError extends FaultlineError {
  constructor(
    code: string,
    message: string,
    /** HTTP status of the answer. */
    readonly status: number,
  ) {
    super(code, message);
  }
}

/** True for a 404 answer (the object does not exist). */
export const isKubeNotFound = (err: unknown): boolean => err instanceof KubeApiError && err.status === 404;

/** Per-request timeout of the API server calls: 30 s. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * A Kubernetes API client bound to one namespace: every request goes through
 * {@link assertInNamespace} first, so a run cannot touch another namespace or a cluster-scoped
 * object whatever its caller asks. Credentials, TLS and the server come from the kubeconfig
 * (`@kubernetes/client-node`'s `KubeConfig`: `KUBECONFIG`, `~/.kube/config`, or the in-cluster
 * ServiceAccount).
 */
export class KubeClient {
  constructor(
    readonly kubeConfig: KubeConfig,
    /** The only namespace this client talks to. */
    readonly namespace: string,
  ) {}

  /**
   * A client from the kubeconfig (`kubeconfigPath`, else the default places), on `context`
   * (default the current one).
   * @throws FaultlineError `ERR_K8S_CONFIG` when there is no usable kubeconfig or no such context
   */
  static fromKubeconfig(namespace: string, context?: string, kubeconfigPath?: string): KubeClient {
    const kc = new KubeConfig();
    try {
      // `KUBECONFIG` as read by the entry point (its first file); else ~/.kube/config or in-cluster.
      const file = kubeconfigPath?.split(':').find((p) => p !== '');
      if (file !== undefined) kc.loadFromFile(file);
      else kc.loadFromDefault();
      if (context !== undefined) {
        if (kc.getContextObject(context) === null)
          throw new Error(
            `no context ${context} (known: ${
              kc
                .getContexts()
                .map((c) => c.name)
                .join(', ') || 'none'
            })`,
          );
        kc.setCurrentContext(context);
      }
      if (kc.getCurrentCluster() === null) throw new Error('no current cluster');
    } catch (err) {
      throw new FaultlineError('ERR_K8S_CONFIG', `cannot use the kubeconfig: ${describeError(err)}`);
    }
    return new KubeClient(kc, namespace);
  }

  /** The API server's base URL, without a trailing slash. */
  get server(): string {
    return (this.kubeConfig.getCurrentCluster()?.server ?? '').replace(/\/+$/, '');
  }

  /**
   * One API call; resolves with the parsed JSON answer.
   * @throws FaultlineError `ERR_K8S_OUTSIDE_NAMESPACE` (refused before sending), `ERR_K8S_FORBIDDEN` (403),
   *   `ERR_K8S_NOT_FOUND` (404), `ERR_K8S_API` (other answers) or `ERR_K8S_UNREACHABLE`
   */
  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<T> {
    assertInNamespace(this.namespace, method, path);
    const url = new URL(`${this.server}${path}`);
    const options: RequestOptions = { method, headers: { accept: 'application/json' } };
    await this.kubeConfig.applyToHTTPSOptions(options);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (payload !== undefined)
      options.headers = {
        ...options.headers,
        'content-type': contentType,
        'content-length': String(Buffer.byteLength(payload)),
      };
    const { status, text } = await send(url, options, payload).catch((err: unknown) => {
      throw new FaultlineError(
        'ERR_K8S_UNREACHABLE',
        `the Kubernetes API server ${this.server} does not answer: ${describeError(err)}`,
        { cause: err },
      );
    });
    if (status >= 200 && status < 300) return (text === '' ? {} : JSON.parse(text)) as T;
    throw apiError(method, path, status, text, this.namespace);
  }
}

function send(
  url: URL,
  options: RequestOptions,
  payload: string | undefined,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const call = url.protocol === 'http:' ? httpRequest : httpsRequest;
    const req = call(url, { ...options, timeout: REQUEST_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** The API's `Status` message, or the first line of the body. */
function statusMessage(text: string): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON: use the text itself
  }
  return text.split('\n')[0]?.slice(0, 200) ?? '';
}

function apiError(
  method: string,
  path: string,
  status: number,
  text: string,
  namespace: string,
): KubeApiError {
  const what = `${method} ${path.split('?')[0] ?? path}`;
  const message = statusMessage(text);
  if (status === 403)
    return new KubeApiError(
      'ERR_K8S_FORBIDDEN',
      `the Kubernetes API forbids ${what} (403: ${message}); the controller's Role in namespace ${namespace} must grant what CONTROLLER_RULES lists (docs/kubernetes-runner.md)`,
      status,
    );
  if (status === 404)
    return new KubeApiError('ERR_K8S_NOT_FOUND', `${what}: not found (404: ${message})`, status);
  return new KubeApiError('ERR_K8S_API', `${what} failed (${status}: ${message})`, status);
}

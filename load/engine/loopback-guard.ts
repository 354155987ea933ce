import { FaultlineError } from '../../chaos/errors.js';
import { isLoopbackHost } from '../journeys/loopback-host.js';

export { isLoopbackHost };

/**
 * Load goes only to this machine: the target must be http(s) on 127.0.0.0/8, `localhost` or
 * `[::1]`. Throws `ERR_INPUT_LOAD_TARGET_NOT_LOOPBACK` (or `ERR_INPUT_LOAD_TARGET_URL`) otherwise.
 * Pure. Returns the parsed URL.
 */
export function assertLoopbackTarget(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch (cause) {
    throw new FaultlineError(
      'ERR_INPUT_LOAD_TARGET_URL',
      `load target is not a URL: ${JSON.stringify(baseUrl)}`,
      {
        cause,
      },
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FaultlineError('ERR_INPUT_LOAD_TARGET_URL', `load target must be http(s), got ${url.protocol}`);
  }
  if (!isLoopbackHost(url.hostname)) {
    throw new FaultlineError(
      'ERR_INPUT_LOAD_TARGET_NOT_LOOPBACK',
      `refusing to send load to ${url.hostname}: only 127.0.0.0/8, localhost and [::1] are allowed`,
    );
  }
  return url;
}

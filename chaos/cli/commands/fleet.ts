import type { Command } from 'commander';
import { FaultlineError } from '../../errors.js';
import type { FleetProxyOption } from '../../fleet/fleet-proxy.js';
import { startFleet } from '../../fleet/launcher.js';
import type { CliContext } from '../context.js';
import { exitCode } from '../../exit-codes.js';

interface UpOptions {
  portBase: string;
  adminPortBase: string;
  listenBase: string;
  dbPrefix: string;
  amqpPrefix: string;
  viaProxy: boolean;
  proxyUrl?: string;
  proxyPort: string;
  links?: string;
}

function parsePort(text: string, flag: string, min = 1024): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > 65000)
    throw new FaultlineError(
      'ERR_INPUT_PORT',
      `${flag} must be an integer port between ${min} and 65000, got ${text}`,
    );
  return n;
}

function parseProxyUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new FaultlineError('ERR_INPUT_PROXY_URL', `--proxy-url must be an http(s) URL, got ${text}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new FaultlineError('ERR_INPUT_PROXY_URL', `--proxy-url must be an http(s) URL, got ${text}`);
  return text;
}

/** `--via-proxy` → the embedded proxy; `--proxy-url` → that one (implies --via-proxy); else none. */
function proxyOf(o: UpOptions): FleetProxyOption | undefined {
  if (o.proxyUrl !== undefined) return { url: parseProxyUrl(o.proxyUrl) };
  return o.viaProxy ? 'embedded' : undefined;
}

/** `faultline fleet up`: starts the fleet, streams its logs, stops it on Ctrl-C/SIGTERM. */
export function registerFleet(program: Command, ctx: CliContext, setExit: (code: number) => void): void {
  const fleet = program
    .command('fleet')
    .description('run the target fleet (gateway, order, payment, inventory, shipping, psp, carrier)');
  fleet
    .command('up')
    .description('start every service, wait until all are ready, stream logs; Ctrl-C stops them all')
    .option('--port-base <port>', 'first HTTP port (gateway; order +1 … carrier +6)', '8080')
    .option('--admin-port-base <port>', 'first loopback admin port (psp +5, carrier +6)', '9180')
    .option('--listen-base <port>', 'first proxy listen port of the link map', '21000')
    .option('--db-prefix <prefix>', 'prefix of the database names', '')
    .option('--amqp-prefix <prefix>', 'prefix of the exchange and queue names', '')
    .option('--via-proxy', 'start the embedded fault proxy and route every link through it', false)
    .option('--proxy-port <port>', 'API port of the embedded fault proxy (127.0.0.1)', '8474')
    .option('--proxy-url <url>', 'route every link through this Toxiproxy-compatible server instead')
    .option('--links <file>', 'link map (Toxiproxy populate JSON)')
    .action(async (o: UpOptions) => {
      const proxy = proxyOf(o);
      const started = await startFleet({
        portBase: parsePort(o.portBase, '--port-base'),
        adminPortBase: parsePort(o.adminPortBase, '--admin-port-base'),
        listenBase: parsePort(o.listenBase, '--listen-base'),
        dbPrefix: o.dbPrefix,
        amqpPrefix: o.amqpPrefix,
        ...(o.links ? { linksFile: o.links } : {}),
        ...(proxy ? { proxy } : {}),
        ...(proxy === 'embedded' ? { proxyApiPort: parsePort(o.proxyPort, '--proxy-port', 0) } : {}),
        onLog: (line) => ctx.stdout.write(`${line}\n`),
      });
      ctx.stdout.write(
        `fleet ready: gateway ${started.urls.gateway} (psp admin ${started.adminUrls.psp}, carrier admin ${started.adminUrls.carrier}); Ctrl-C to stop\n`,
      );
      if (started.proxyUrl)
        ctx.stdout.write(
          `fault proxy API ${started.proxyUrl} (${started.links.length} links, e.g. GET ${started.proxyUrl}/proxies)\n`,
        );
      await new Promise<void>((resolve) => {
        if (ctx.interrupted.aborted) resolve();
        ctx.interrupted.addEventListener('abort', () => resolve(), { once: true });
      });
      ctx.stdout.write('stopping fleet…\n');
      await started.stop();
      ctx.stdout.write('fleet stopped\n');
      setExit(exitCode('pass'));
    });
}

import type { Command } from 'commander';
import { FaultlineError } from '../../errors.js';
import { startFleet } from '../../fleet/launcher.js';
import type { CliContext } from '../context.js';
import { exitCode } from '../exit-codes.js';

interface UpOptions {
  portBase: string;
  adminPortBase: string;
  dbPrefix: string;
  amqpPrefix: string;
  viaProxy: boolean;
  links?: string;
}

function parsePort(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1024 || n > 65000)
    throw new FaultlineError(
      'ERR_INPUT_PORT',
      `${flag} must be an integer port between 1024 and 65000, got ${text}`,
    );
  return n;
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
    .option('--db-prefix <prefix>', 'prefix of the database names', '')
    .option('--amqp-prefix <prefix>', 'prefix of the exchange and queue names', '')
    .option('--via-proxy', 'connect through the link map listen addresses (fault proxy in between)', false)
    .option('--links <file>', 'link map (Toxiproxy populate JSON)')
    .action(async (o: UpOptions) => {
      const started = await startFleet({
        portBase: parsePort(o.portBase, '--port-base'),
        adminPortBase: parsePort(o.adminPortBase, '--admin-port-base'),
        dbPrefix: o.dbPrefix,
        amqpPrefix: o.amqpPrefix,
        ...(o.links ? { linksFile: o.links } : {}),
        env: { ...(o.viaProxy ? { FAULTLINE_VIA_PROXY: '1' } : {}) },
        onLog: (line) => ctx.stdout.write(`${line}\n`),
      });
      ctx.stdout.write(
        `fleet ready: gateway ${started.urls.gateway} (psp admin ${started.adminUrls.psp}, carrier admin ${started.adminUrls.carrier}); Ctrl-C to stop\n`,
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

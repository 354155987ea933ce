import type { Command } from 'commander';
import { FaultlineError } from '../../errors.js';
import { startProxyServer } from '../../proxy/index.js';
import type { CliContext } from '../context.js';
import { exitCode } from '../../exit-codes.js';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new FaultlineError(
      'ERR_INPUT_PROXY_PORT',
      `--port must be an integer from 0 to 65535, got "${value}"`,
    );
  }
  return port;
}

/**
 * `faultline proxy`: runs the Toxiproxy-compatible fault proxy (like `toxiproxy-server`) until
 * SIGINT/SIGTERM. Logs are JSON lines on stdout.
 */
export function registerProxy(program: Command, ctx: CliContext, setExit: (code: number) => void): void {
  program
    .command('proxy')
    .description('run the Toxiproxy-compatible fault proxy server (API on loopback by default)')
    .option('--host <host>', 'API listen host', '127.0.0.1')
    .option('--port <port>', 'API listen port', '8474')
    .option('--config <file>', 'JSON file in /populate format applied at startup')
    .option('--proxy-metrics', 'enable proxy byte counters on GET /metrics', false)
    .option('--runtime-metrics', 'enable process metrics on GET /metrics', false)
    .action(
      async (opts: {
        host: string;
        port: string;
        config?: string;
        proxyMetrics: boolean;
        runtimeMetrics: boolean;
      }) => {
        const log = (e: Record<string, unknown>): void => {
          ctx.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...e })}\n`);
        };
        let server;
        try {
          server = await startProxyServer({
            host: opts.host,
            port: parsePort(opts.port),
            ...(opts.config !== undefined ? { populate: opts.config } : {}),
            proxyMetrics: opts.proxyMetrics,
            runtimeMetrics: opts.runtimeMetrics,
            log,
          });
        } catch (err) {
          if (err instanceof FaultlineError) throw err;
          throw new FaultlineError(
            'ERR_PROXY_LISTEN',
            `cannot start the proxy API on ${opts.host}:${opts.port}`,
            {
              cause: err,
            },
          );
        }
        log({ level: 'info', msg: 'proxy API listening', url: server.url });
        if (!ctx.interrupted.aborted) {
          await new Promise<void>((resolve) =>
            ctx.interrupted.addEventListener('abort', () => resolve(), { once: true }),
          );
        }
        log({ level: 'info', msg: 'shutting down' });
        await server.close();
        setExit(exitCode('pass'));
      },
    );
}

import { execFile } from 'node:child_process';
import { FaultlineError } from '../errors.js';

/** Runs `rabbitmqctl` against the local broker. Injected so tests and other brokers can differ. */
export interface BrokerControl {
  /** Runs `rabbitmqctl <args>`; resolves with stdout, rejects with `ERR_FAULT_BROKER_COMMAND`. */
  rabbitmqctl(args: readonly string[]): Promise<string>;
}

/** Options of {@link localBrokerControl}. */
export interface LocalBrokerOptions {
  /** Path of rabbitmqctl; default `rabbitmqctl` from PATH. */
  command?: string;
  /** Per-call timeout in ms; default 30 000 (rabbitmqctl start-up alone takes ~1.5 s). */
  timeoutMs?: number;
}

/** A {@link BrokerControl} that runs the local `rabbitmqctl` binary. */
export function localBrokerControl(options: LocalBrokerOptions = {}): BrokerControl {
  const command = options.command ?? 'rabbitmqctl';
  const timeout = options.timeoutMs ?? 30_000;
  return {
    rabbitmqctl(args) {
      return new Promise((resolve, reject) => {
        execFile(command, [...args], { timeout, encoding: 'utf8' }, (err, stdout, stderr) => {
          if (err) {
            const detail = stderr.trim().split('\n').slice(-3).join(' ');
            reject(
              new FaultlineError(
                'ERR_FAULT_BROKER_COMMAND',
                `rabbitmqctl ${args.join(' ')} failed: ${detail}`,
                {
                  cause: err,
                },
              ),
            );
          } else resolve(stdout);
        });
      });
    },
  };
}

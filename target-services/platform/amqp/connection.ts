import amqp, {
  type Channel,
  type ChannelModel,
  type ConfirmChannel,
  type RecoveringChannelModel,
} from 'amqplib';
import type { Logger } from '../logger.js';
import type { Recorder } from '../telemetry/metrics.js';
import { ServiceError } from '../errors.js';

/** Called after every (re)connect with fresh channels: declare topology, start consumers. */
export type SetupHook = (channels: { confirm: ConfirmChannel; consume: Channel }) => Promise<void>;

/**
 * One recovering broker connection with a confirm channel (publishing) and a consume channel.
 * After a broker restart amqplib reconnects and `setup` hooks run again, so topology is
 * re-declared and consumers restart on their own.
 */
export class AmqpConnection {
  private model?: RecoveringChannelModel;
  private channels?: { confirm: ConfirmChannel; consume: Channel };
  private readonly hooks: SetupHook[] = [];
  private connectedOnce = false;

  constructor(
    private readonly url: string,
    private readonly prefetch: number,
    private readonly logger: Logger,
    private readonly recorder: Recorder,
  ) {
    // Exported at 0 from the start: `increase()` cannot see a counter's first jump from absent.
    recorder.add('amqpReconnects', 0);
  }

  /** Registers a hook; runs now when already connected. */
  async onSetup(hook: SetupHook): Promise<void> {
    this.hooks.push(hook);
    if (this.channels) await hook(this.channels);
  }

  /** Connects (retrying with backoff for ~30 s at start, forever afterwards). */
  async start(): Promise<void> {
    try {
      this.model = await amqp.connect(this.url, {
        recovery: {
          initialDelay: 200,
          maxDelay: 5000,
          initialMaxRetries: 30,
          setup: (m: ChannelModel) => this.setup(m),
        },
      });
    } catch (err) {
      throw new ServiceError('ERR_AMQP_CONNECT', 'cannot connect to the broker', { cause: err });
    }
    this.model.on('error', (err: Error) => this.logger.warn({ err }, 'amqp connection error'));
    this.model.on('disconnect', (err: Error) => {
      this.channels = undefined;
      this.logger.warn({ err }, 'amqp disconnected');
    });
  }

  private async setup(model: ChannelModel): Promise<void> {
    const confirm = await model.createConfirmChannel();
    const consume = await model.createChannel();
    for (const ch of [confirm, consume])
      ch.on('error', (err: Error) => this.logger.warn({ err }, 'amqp channel error'));
    await consume.prefetch(this.prefetch);
    const channels = { confirm, consume };
    for (const hook of this.hooks) await hook(channels);
    this.channels = channels;
    if (this.connectedOnce) this.recorder.add('amqpReconnects', 1);
    this.connectedOnce = true;
    this.logger.info('amqp connected');
  }

  /** True while a connection with open channels exists. */
  get ready(): boolean {
    return this.channels !== undefined;
  }

  /** The current confirm channel, or an `ERR_AMQP_UNAVAILABLE` error while disconnected. */
  confirmChannel(): ConfirmChannel {
    if (!this.channels) throw new ServiceError('ERR_AMQP_UNAVAILABLE', 'broker connection is down');
    return this.channels.confirm;
  }

  /** Closes the connection (no more reconnects). */
  async close(): Promise<void> {
    const model = this.model;
    this.model = undefined;
    this.channels = undefined;
    await model?.close().catch(() => undefined);
  }
}

/**
 * Publishes and resolves once the broker confirmed the message; rejects on a nack, a closed
 * channel, or no confirm within `timeoutMs` (default 10000) so a caller never hangs.
 */
export function publishConfirmed(
  ch: ConfirmChannel,
  exchange: string,
  routingKey: string,
  body: Buffer,
  options: amqp.Options.Publish,
  timeoutMs = 10000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new ServiceError('ERR_AMQP_CONFIRM_TIMEOUT', `no publisher confirm within ${timeoutMs} ms`)),
      timeoutMs,
    );
    try {
      ch.publish(exchange, routingKey, body, { persistent: true, ...options }, (err: unknown) => {
        clearTimeout(timer);
        if (err) reject(new ServiceError('ERR_AMQP_NACK', 'broker did not confirm', { cause: err }));
        else resolve();
      });
    } catch (err) {
      clearTimeout(timer);
      reject(new ServiceError('ERR_AMQP_PUBLISH', 'publish failed', { cause: err }));
    }
  });
}

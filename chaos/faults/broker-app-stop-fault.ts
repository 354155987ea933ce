import type { FaultDriver } from './fault-driver.js';

/** The broker application stopped (`rabbitmqctl stop_app`); removal runs `start_app`. */
export const brokerAppStopFault: FaultDriver<'broker-app-stop'> = {
  kind: 'broker-app-stop',
  observableEffect: 'every AMQP connection is closed and new ones are refused until the app starts again',
  modes: { embedded: true, attach: true, kubernetes: true },
  prepare() {
    return Promise.resolve({});
  },
  async apply(_record, deps) {
    await deps.broker.rabbitmqctl(['stop_app']);
  },
  async remove(_record, deps) {
    // start_app on a running app is a no-op, so removal is safe to repeat.
    await deps.broker.rabbitmqctl(['start_app']);
    return { status: 'removed' };
  },
};

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import amqp from 'amqplib';
import { localBrokerControl } from './broker-control.js';
import { READ_WATERMARK_EXPR, parseWatermark } from './broker-watermark.js';
import { FaultSession } from './fault-session.js';
import { processIdentity } from './proc-stat.js';

/*
 * These tests disturb the shared local broker (every connection is blocked or closed for ~2-4 s),
 * so they live in one file, keep each fault short and always restore the broker in `finally`.
 */
const AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';
const broker = localBrokerControl();

/** Rejects with `what` if `p` does not settle within `ms` (a hang guard, not a timing assertion). */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([p, guard]).finally(() => clearTimeout(timer));
}

async function connectWithRetry(attempts: number): Promise<amqp.ChannelModel> {
  for (let i = 1; ; i++) {
    try {
      return await amqp.connect(AMQP_URL);
    } catch (err) {
      if (i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

describe('broker faults against the local RabbitMQ', function () {
  let stateDir: string;

  before(async function () {
    stateDir = await mkdtemp(join(tmpdir(), 'faultline-broker-'));
  });

  after(async function () {
    await rm(stateDir, { recursive: true, force: true });
  });

  function session(runId: string): Promise<FaultSession> {
    return FaultSession.start({
      runId,
      stateDir,
      controller: processIdentity(process.pid)!,
      allow: { links: [], services: [], brokerDisposable: true },
      deps: { broker },
    });
  }

  it('blocks publishers with the memory alarm, then restores the previous watermark', async function () {
    const before = parseWatermark(await broker.rabbitmqctl(['eval', READ_WATERMARK_EXPR]));
    const conn = await amqp.connect(AMQP_URL);
    conn.on('error', () => undefined);
    const blocked = new Promise<string>((resolve) =>
      conn.once('blocked', (reason: string) => resolve(reason)),
    );
    const unblocked = new Promise<void>((resolve) => conn.once('unblocked', () => resolve()));
    const ch = await conn.createChannel();
    const s = await session('alarm');
    try {
      await s.apply({ kind: 'broker-memory-alarm', leaseMs: 30_000 });
      // The broker blocks a connection when it publishes while the alarm is on.
      ch.publish('', 'faultline-alarm-probe-nonexistent', Buffer.from('probe'));
      const reason = await within(blocked, 10_000, 'connection.blocked');
      assert.match(reason, /memory/i);
    } finally {
      await s.close();
    }
    await within(unblocked, 10_000, 'connection.unblocked');
    assert.deepEqual(parseWatermark(await broker.rabbitmqctl(['eval', READ_WATERMARK_EXPR])), before);
    await conn.close();
  });

  it('stops the broker app so connections close and are refused, then starts it again', async function () {
    const conn = await amqp.connect(AMQP_URL);
    conn.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => conn.once('close', () => resolve()));
    const s = await session('appstop');
    try {
      await s.apply({ kind: 'broker-app-stop', leaseMs: 30_000 });
      await within(closed, 10_000, 'connection close');
      await assert.rejects(amqp.connect(AMQP_URL));
    } finally {
      await s.close();
    }
    const again = await connectWithRetry(40);
    await again.close();
  });
});

import assert from 'node:assert/strict';
import { renderCpuPerOrder } from './cpu-sampler.js';

describe('CPU per order (bench:fleet)', function () {
  it('divides each part by the orders, ranks them, and gives the rate the total allows', function () {
    const text = renderCpuPerOrder({ order: 2000, gateway: 1000, rabbitmq: 1000 }, 100, 2);
    const lines = text.trim().split('\n');
    assert.match(lines[1] ?? '', /^ {2}order +20\.00 ms +50%$/);
    assert.match(lines[2] ?? '', /^ {2}gateway +10\.00 ms +25%$/);
    assert.match(lines[3] ?? '', /^ {2}rabbitmq +10\.00 ms +25%$/);
    // 40 ms per order on 2 cores: 2,000 CPU ms per second / 40 = 50 orders/s; without the
    // machine-wide broker, 30 ms → 66.
    assert.match(
      text,
      /total 40\.00 ms → at most 50 orders\/s on 2 cores \(without the machine-wide parts: 30\.00 ms → 66 orders\/s\)/,
    );
  });

  it('says so when no order finished, instead of dividing by zero', function () {
    assert.equal(renderCpuPerOrder({ order: 10 }, 0, 2), 'CPU per order: no order finished in the step\n');
  });
});

import assert from 'node:assert/strict';
import { allocatePortBlock } from './ports.js';

describe('allocatePortBlock', () => {
  it('never hands out a block overlapping one it handed out before, even while both are unbound', async () => {
    // [22000, 22020) holds exactly two 7-port blocks at a 10-port stride: 22000 and 22010.
    const first = await allocatePortBlock(7, 22000, 22020);
    const second = await allocatePortBlock(7, 22000, 22020);
    assert.deepEqual([first, second].sort(), [22000, 22010]);
    await assert.rejects(allocatePortBlock(7, 22000, 22020), /no block of 7 free ports/);
  });
});

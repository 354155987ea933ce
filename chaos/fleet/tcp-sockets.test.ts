import { strict as assert } from 'node:assert';
import { outgoingPeerPorts, parseSs } from './tcp-sockets.js';

const SS = [
  'LISTEN 0 511 127.0.0.1:25541 0.0.0.0:* users:(("node",pid=100,fd=23))',
  'ESTAB 0 0 127.0.0.1:25541 127.0.0.1:51000 users:(("node",pid=100,fd=30))',
  'ESTAB 0 0 127.0.0.1:51234 127.0.0.1:27391 users:(("node",pid=100,fd=31))',
  'ESTAB 0 0 [::ffff:127.0.0.1]:51235 [::ffff:127.0.0.1]:5432 users:(("node",pid=100,fd=32),("node",pid=101,fd=9))',
  'TIME-WAIT 0 0 127.0.0.1:51236 127.0.0.1:5672',
  'CLOSE-WAIT 1 0 127.0.0.1:51237 127.0.0.1:8085 users:(("node",pid=100,fd=33))',
  'ESTAB 0 0 127.0.0.1:51238 127.0.0.1:5672 users:(("node",pid=200,fd=7))',
].join('\n');

describe('tcp sockets from ss', () => {
  it('keeps one entry per socket and owning process, skipping sockets without one', () => {
    const sockets = parseSs(SS);
    assert.equal(sockets.length, 7);
    assert.deepEqual(sockets[3], { pid: 100, localPort: 51235, peerPort: 5432, state: 'ESTAB' });
    assert.deepEqual(sockets[0], { pid: 100, localPort: 25541, peerPort: 0, state: 'LISTEN' });
  });

  it('lists where a process connects to: established, not accepted on its own listening ports', () => {
    const sockets = parseSs(SS);
    assert.deepEqual(outgoingPeerPorts(sockets, 100), [27391, 5432]);
    assert.deepEqual(outgoingPeerPorts(sockets, 101), [5432]);
    assert.deepEqual(outgoingPeerPorts(sockets, 300), []);
  });
});

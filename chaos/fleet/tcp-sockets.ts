import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** One TCP socket of a process, as `ss` shows it. */
export interface TcpSocket {
  pid: number;
  localPort: number;
  peerPort: number;
  /** `LISTEN`, `ESTAB`, `CLOSE-WAIT` … (ss's state names). */
  state: string;
}

function portOf(address: string): number {
  return Number(address.slice(address.lastIndexOf(':') + 1));
}

/**
 * Pure: parses `ss -tanpH` output (State Recv-Q Send-Q Local Peer Process) into one entry per
 * socket and owning pid. Sockets without a process column (other users') are skipped.
 */
export function parseSs(text: string): TcpSocket[] {
  const sockets: TcpSocket[] = [];
  for (const line of text.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 6) continue;
    const [state = '', , , local = '', peer = ''] = cols;
    for (const m of cols
      .slice(5)
      .join(' ')
      .matchAll(/pid=(\d+)/g))
      sockets.push({
        pid: Number(m[1]),
        localPort: portOf(local),
        peerPort: peer.endsWith(':*') ? 0 : portOf(peer),
        state,
      });
  }
  return sockets;
}

/** Every TCP socket on this machine with its owning process (needs iproute2's `ss`). */
export async function listTcpSockets(): Promise<TcpSocket[]> {
  const { stdout } = await run('ss', ['-tanpH'], { maxBuffer: 16 * 1024 * 1024 });
  return parseSs(stdout);
}

/**
 * Pure: the peer ports of the connections `pid` opened itself (established sockets whose local
 * port is not one the process listens on), i.e. where it connects to.
 */
export function outgoingPeerPorts(sockets: readonly TcpSocket[], pid: number): number[] {
  const mine = sockets.filter((s) => s.pid === pid);
  const listening = new Set(mine.filter((s) => s.state === 'LISTEN').map((s) => s.localPort));
  return mine.filter((s) => s.state === 'ESTAB' && !listening.has(s.localPort)).map((s) => s.peerPort);
}

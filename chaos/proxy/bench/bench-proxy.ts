/**
 * `npm run bench:proxy`: throughput, added round-trip time, latency-toxic accuracy and CPU per GB
 * of the fault proxy, next to direct loopback connections. Prints numbers; never fails on timing.
 * The proxy runs as its own process (`faultline proxy --port 0`), like in production; its CPU is
 * read from /proc. Loopback only; about 20 s.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';

const STREAM_SECONDS = 1.5;
/** Interleaved runs per setting; the best and the median are printed (the machine is shared). */
const RUNS = 3;
const RTT_SAMPLES = 2000;
const CHUNK = Buffer.alloc(64 * 1024, 1);

async function listen(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as { port: number }).port;
}

async function startProxyProcess(): Promise<{ child: ChildProcess; url: string }> {
  const bin = fileURLToPath(new URL('../../../../bin/faultline.js', import.meta.url));
  const child = spawn(process.execPath, [bin, 'proxy', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    // Keep reading stdout for the whole run so the child's log writes never hit a closed pipe.
    child.stdout?.on('data', (chunk: Buffer) => {
      out += String(chunk);
      const m = /"url":"([^"]+)"/.exec(out);
      if (m?.[1]) resolve({ child, url: m[1] });
    });
    child.once('exit', () => reject(new Error(`proxy process exited early: ${out}`)));
  });
}

/** CPU seconds (user + system) of a process, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): { user: number; system: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
}

async function pump(port: number, streams: number, seconds: number): Promise<number> {
  const sockets: Socket[] = [];
  const stopAt = Date.now() + seconds * 1000;
  for (let i = 0; i < streams; i++) {
    const s = connect(port, '127.0.0.1');
    s.setNoDelay(true);
    await once(s, 'connect');
    sockets.push(s);
  }
  const write = (s: Socket): void => {
    while (Date.now() < stopAt) if (!s.write(CHUNK)) return void s.once('drain', () => write(s));
    s.end();
  };
  sockets.forEach(write);
  await Promise.all(sockets.map((s) => once(s, 'close')));
  return seconds;
}

async function throughput(port: number, sink: { bytes: number }, streams: number): Promise<number> {
  sink.bytes = 0;
  const t = performance.now();
  await pump(port, streams, STREAM_SECONDS);
  return sink.bytes / 1e6 / ((performance.now() - t) / 1000);
}

async function rtts(port: number, samples: number): Promise<number[]> {
  const s = connect(port, '127.0.0.1');
  s.setNoDelay(true);
  await once(s, 'connect');
  const msg = Buffer.alloc(64, 2);
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    s.write(msg);
    let got = 0;
    while (got < msg.length) got += ((await once(s, 'data')) as [Buffer])[0].length;
    out.push(performance.now() - t);
  }
  s.destroy();
  return out.sort((a, b) => a - b);
}

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

async function main(): Promise<void> {
  const sink = { bytes: 0 };
  const sinkServer = createServer((s) =>
    s.on('data', (d: Buffer) => (sink.bytes += d.length)).on('error', () => undefined),
  );
  const echoServer = createServer((s) => s.on('error', () => undefined).pipe(s));
  const sinkPort = await listen(sinkServer);
  const echoPort = await listen(echoServer);
  const { child, url } = await startProxyProcess();
  const api = async (method: string, path: string, body: unknown): Promise<{ listen: string }> =>
    (await fetch(url + path, { method, body: JSON.stringify(body) })).json() as Promise<{ listen: string }>;
  const portOf = (p: { listen: string }): number => Number(p.listen.split(':').pop());
  const sinkProxy = portOf(
    await api('POST', '/proxies', { name: 'sink', listen: '127.0.0.1:0', upstream: `127.0.0.1:${sinkPort}` }),
  );
  const echoProxy = portOf(
    await api('POST', '/proxies', { name: 'echo', listen: '127.0.0.1:0', upstream: `127.0.0.1:${echoPort}` }),
  );

  console.log(
    `faultline proxy benchmark (node ${process.version}, loopback, ${RUNS} × ${STREAM_SECONDS} s per throughput setting)\n`,
  );
  const cpu0 = cpuSeconds(child.pid as number);
  const bytes0 = { n: 0 };
  const row = async (label: string, streams: number): Promise<void> => {
    const direct: number[] = [];
    const proxied: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      direct.push(await throughput(sinkPort, sink, streams));
      proxied.push(await throughput(sinkProxy, sink, streams));
      bytes0.n += sink.bytes;
    }
    const fmt = (xs: number[]): string => {
      const sorted = [...xs].sort((a, b) => a - b);
      return `best ${(sorted.at(-1) ?? 0).toFixed(0).padStart(5)} median ${pct(sorted, 0.5).toFixed(0).padStart(5)} MB/s`;
    };
    console.log(`${label.padEnd(24)} direct ${fmt(direct)}   proxy ${fmt(proxied)}`);
  };
  await row('throughput, 1 stream', 1);
  await row('throughput, 50 streams', 50);
  const cpu1 = cpuSeconds(child.pid as number);
  const user = cpu1.user - cpu0.user;
  const system = cpu1.system - cpu0.system;
  const gb = bytes0.n / 1e9;
  console.log(
    `proxy CPU per GB forwarded   ${((user + system) / gb).toFixed(2)} CPU-s/GB ` +
      `(user ${(user / gb).toFixed(2)}, system ${(system / gb).toFixed(2)}; ${gb.toFixed(2)} GB through the proxy)\n`,
  );

  const direct = await rtts(echoPort, RTT_SAMPLES);
  const proxied = await rtts(echoProxy, RTT_SAMPLES);
  console.log(
    `RTT 64 B (${RTT_SAMPLES} samples)       direct p50 ${pct(direct, 0.5).toFixed(3)} ms p99 ${pct(direct, 0.99).toFixed(3)} ms`,
  );
  console.log(
    `                             proxy  p50 ${pct(proxied, 0.5).toFixed(3)} ms p99 ${pct(proxied, 0.99).toFixed(3)} ms`,
  );
  console.log(
    `added RTT                    p50 ${(pct(proxied, 0.5) - pct(direct, 0.5)).toFixed(3)} ms  p99 ${(pct(proxied, 0.99) - pct(direct, 0.99)).toFixed(3)} ms\n`,
  );

  for (const [latency, samples] of [
    [10, 100],
    [100, 15],
  ] as const) {
    await api('POST', '/proxies/echo/toxics', { type: 'latency', attributes: { latency } });
    const m = await rtts(echoProxy, samples);
    await fetch(`${url}/proxies/echo/toxics/latency_downstream`, { method: 'DELETE' });
    console.log(
      `latency toxic ${String(latency).padStart(3)} ms          measured RTT p50 ${pct(m, 0.5).toFixed(2)} ms  min ${m[0]?.toFixed(2)} ms  max ${m.at(-1)?.toFixed(2)} ms  (n=${samples})`,
    );
  }
  child.kill('SIGTERM');
  await once(child, 'exit');
  sinkServer.close();
  echoServer.close();
}

await main();

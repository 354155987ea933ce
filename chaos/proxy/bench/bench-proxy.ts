/**
 * `npm run bench:proxy`: forwarding throughput with no toxic, for 1 and 8 streams, direct and through
 * a plain Node `socket.pipe` relay, `faultline proxy` and real Toxiproxy (when TOXIPROXY_BIN is set),
 * with each forwarder's CPU seconds per GB; then added round-trip time and latency-toxic accuracy.
 * Every forwarder is its own process (CPU read from /proc), runs are interleaved, and best and
 * median are printed because the machine is shared. Prints numbers; never fails on timing.
 * Loopback only; about 60 s.
 */
import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import {
  cpuSeconds,
  startFaultline,
  startPipeRelay,
  startToxiproxy,
  stopForwarder,
  type Forwarder,
} from './forwarders.js';

const STREAM_SECONDS = 1.5;
const RUNS = 5;
const RTT_SAMPLES = 1000;
const CHUNK = Buffer.alloc(64 * 1024, 1);

async function listen(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as { port: number }).port;
}

/** Writes as fast as possible on `streams` connections for `seconds`; resolves when all closed. */
async function pump(port: number, streams: number, seconds: number): Promise<void> {
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
}

interface Sample {
  mbPerS: number;
  bytes: number;
  cpuS: number;
}

async function measure(
  port: number,
  sink: { bytes: number },
  streams: number,
  pid?: number,
): Promise<Sample> {
  sink.bytes = 0;
  const cpu0 = pid === undefined ? 0 : cpuSeconds(pid);
  const t = performance.now();
  await pump(port, streams, STREAM_SECONDS);
  const seconds = (performance.now() - t) / 1000;
  const cpuS = pid === undefined ? 0 : cpuSeconds(pid) - cpu0;
  return { mbPerS: sink.bytes / 1e6 / seconds, bytes: sink.bytes, cpuS };
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
const median = (xs: number[]): number =>
  pct(
    [...xs].sort((a, b) => a - b),
    0.5,
  );
const best = (xs: number[]): number => Math.max(...xs);

async function main(): Promise<void> {
  const sink = { bytes: 0 };
  const sinkServer = createServer((s) =>
    s.on('data', (d: Buffer) => (sink.bytes += d.length)).on('error', () => undefined),
  );
  const echoServer = createServer((s) => s.on('error', () => undefined).pipe(s));
  const sinkPort = await listen(sinkServer);
  const echoPort = await listen(echoServer);
  const toxiproxy = await startToxiproxy();
  const forwarders: Forwarder[] = [startPipeRelay(), await startFaultline()];
  if (toxiproxy) forwarders.push(toxiproxy);
  const sinkPorts = await Promise.all(forwarders.map((f) => f.forward('sink', sinkPort)));
  const echoPorts = await Promise.all(forwarders.map((f) => f.forward('echo', echoPort)));

  console.log(`proxy benchmark: node ${process.version}, loopback, 64 KiB writes, no toxic`);
  console.log(`${RUNS} interleaved runs of ${STREAM_SECONDS} s per setting; best / median MB/s`);
  if (!toxiproxy) console.log('real Toxiproxy: skipped (TOXIPROXY_BIN is not set)');
  for (const streams of [1, 8]) {
    const direct: number[] = [];
    const via = forwarders.map(() => [] as Sample[]);
    for (let run = 0; run < RUNS; run++) {
      direct.push((await measure(sinkPort, sink, streams)).mbPerS);
      for (const [i, f] of forwarders.entries()) {
        via[i]?.push(await measure(sinkPorts[i] as number, sink, streams, f.child.pid));
      }
    }
    console.log(`\n${streams} stream${streams > 1 ? 's' : ''}`);
    const line = (label: string, mb: number[], extra = ''): void =>
      console.log(
        `  ${label.padEnd(18)} ${best(mb).toFixed(0).padStart(6)} / ${median(mb).toFixed(0).padStart(6)} MB/s${extra}`,
      );
    line('direct', direct);
    const pipeMedian = median(via[0]?.map((s) => s.mbPerS) ?? []);
    for (const [i, f] of forwarders.entries()) {
      const samples = via[i] ?? [];
      const mb = samples.map((s) => s.mbPerS);
      const gb = samples.reduce((a, s) => a + s.bytes, 0) / 1e9;
      const cpu = samples.reduce((a, s) => a + s.cpuS, 0);
      const vsDirect = (median(mb) / median(direct)).toFixed(2);
      const vsPipe = (median(mb) / pipeMedian).toFixed(2);
      line(
        f.label,
        mb,
        `  ${vsDirect}× direct  ${vsPipe}× pipe  ${(cpu / gb).toFixed(2)} CPU-s/GB (${gb.toFixed(1)} GB)`,
      );
    }
  }

  console.log(`\nRTT of a 64 B echo (${RTT_SAMPLES} samples): p50 / p99 ms`);
  const direct = await rtts(echoPort, RTT_SAMPLES);
  console.log(`  ${'direct'.padEnd(18)} ${pct(direct, 0.5).toFixed(3)} / ${pct(direct, 0.99).toFixed(3)}`);
  for (const [i, f] of forwarders.entries()) {
    const m = await rtts(echoPorts[i] as number, RTT_SAMPLES);
    console.log(`  ${f.label.padEnd(18)} ${pct(m, 0.5).toFixed(3)} / ${pct(m, 0.99).toFixed(3)}`);
  }

  console.log('\nlatency toxic accuracy (measured RTT p50 / min / max ms)');
  for (const [i, f] of forwarders.entries()) {
    if (!f.url) continue;
    for (const [latency, samples] of [
      [10, 100],
      [100, 15],
    ] as const) {
      const toxic = JSON.stringify({ type: 'latency', attributes: { latency } });
      await fetch(`${f.url}/proxies/echo/toxics`, { method: 'POST', body: toxic });
      const m = await rtts(echoPorts[i] as number, samples);
      await fetch(`${f.url}/proxies/echo/toxics/latency_downstream`, { method: 'DELETE' });
      console.log(
        `  ${f.label.padEnd(18)} ${String(latency).padStart(3)} ms: ${pct(m, 0.5).toFixed(2)} / ${m[0]?.toFixed(2)} / ${m.at(-1)?.toFixed(2)} (n=${samples})`,
      );
    }
  }
  for (const f of forwarders) await stopForwarder(f);
  sinkServer.close();
  echoServer.close();
}

await main();

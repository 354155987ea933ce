import { loadavg } from 'node:os';
import { readPopulation } from '../../assertions/critical-path/read-population.js';
import type { SpanStore } from '../span-store.js';

const int = (n: number): string => Math.round(n).toLocaleString('en');

/** CPU seconds of this process so far (DuckDB's threads included). */
function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/**
 * Times the critical-path analysis of every trace in the store (one streaming pass: DuckDB orders
 * the spans by trace, JS walks each trace and folds it into the summary), twice, and prints the
 * wall time, the process CPU time (steadier than wall time on a shared machine), the spans per
 * wall second and the heap it used. Prints numbers; never passes or fails.
 */
export async function benchCriticalPath(store: SpanStore, spans: number): Promise<void> {
  const ms: number[] = [];
  const cpu: number[] = [];
  let traces = 0;
  let heapMiB = 0;
  for (let pass = 0; pass < 2; pass++) {
    const t0 = performance.now();
    const c0 = cpuSeconds();
    const s = await readPopulation(store, { excludeServices: [] });
    ms.push(performance.now() - t0);
    cpu.push(cpuSeconds() - c0);
    traces = s.traces;
    heapMiB = Math.max(heapMiB, process.memoryUsage().heapUsed / 2 ** 20);
  }
  const best = Math.min(...ms);
  console.log(
    `  ${'critical path, all traces'.padEnd(26)} ${ms.map(int).join(' / ').padStart(13)} ms (load ${loadavg()[0]!.toFixed(2)})  ` +
      `CPU ${cpu.map((c) => c.toFixed(2)).join(' / ')} s, ${int(traces)} traces, ` +
      `${int(spans / (best / 1000))} spans/s, heap ${int(heapMiB)} MiB`,
  );
}

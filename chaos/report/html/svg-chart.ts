import { formatDurationMs } from '../../experiment/duration.js';
import { formatNumber } from '../number-format.js';
import { escapeXml as x } from '../xml-escape.js';

export interface ChartSeries {
  name: string;
  color: string;
  /** [ms since run start, value]; null values break the line. */
  points: readonly (readonly [number, number | null])[];
}

export interface ChartOptions {
  title: string;
  unit: string;
  series: readonly ChartSeries[];
  /** Shaded windows (fault windows), ms since run start. */
  bands: readonly { startMs: number; endMs: number; label: string }[];
  /** Vertical markers (phase starts). */
  markers: readonly { atMs: number; label: string }[];
  totalMs: number;
  /** Horizontal objective line, if the series has one. */
  objective?: number;
}

const W = 760;
const H = 220;
const PAD = { left: 56, right: 12, top: 24, bottom: 28 };

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * magnitude >= value) ?? 10;
  return step * magnitude;
}

function pathData(
  points: ChartSeries['points'],
  sx: (v: number) => number,
  sy: (v: number) => number,
): string {
  let d = '';
  let pen = false;
  for (const [t, v] of points) {
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${sx(t).toFixed(1)},${sy(v).toFixed(1)}`;
    pen = true;
  }
  return d;
}

/** A time-series line chart as inline SVG, with fault windows shaded and phases marked. Pure. */
export function renderLineChart(o: ChartOptions): string {
  const values = o.series.flatMap((s) => s.points.map((p) => p[1]).filter((v): v is number => v !== null));
  const yMax = niceMax(Math.max(0, ...values, o.objective ?? 0));
  const xMax = Math.max(o.totalMs, 1);
  const sx = (t: number): number => PAD.left + (t / xMax) * (W - PAD.left - PAD.right);
  const sy = (v: number): number => H - PAD.bottom - (v / yMax) * (H - PAD.top - PAD.bottom);
  const parts: string[] = [];
  for (const b of o.bands) {
    const x0 = sx(b.startMs);
    parts.push(
      `<rect class="fault-band" x="${x0.toFixed(1)}" y="${PAD.top}" width="${Math.max(1, sx(b.endMs) - x0).toFixed(1)}" height="${H - PAD.top - PAD.bottom}"><title>${x(b.label)}</title></rect>`,
    );
  }
  for (let i = 0; i <= 4; i++) {
    const v = (yMax * i) / 4;
    parts.push(`<line class="grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${sy(v)}" y2="${sy(v)}"/>`);
    parts.push(
      `<text class="tick" x="${PAD.left - 6}" y="${sy(v) + 4}" text-anchor="end">${formatNumber(v)}</text>`,
    );
  }
  for (const m of o.markers) {
    parts.push(
      `<line class="phase" x1="${sx(m.atMs)}" x2="${sx(m.atMs)}" y1="${PAD.top}" y2="${H - PAD.bottom}"/>`,
    );
    parts.push(`<text class="phase-label" x="${sx(m.atMs) + 3}" y="${PAD.top - 6}">${x(m.label)}</text>`);
  }
  parts.push(
    `<text class="tick" x="${W - PAD.right}" y="${H - 8}" text-anchor="end">${formatDurationMs(Math.round(xMax))}</text>`,
  );
  parts.push(`<text class="tick" x="${PAD.left}" y="${H - 8}">0s</text>`);
  if (o.objective !== undefined) {
    parts.push(
      `<line class="objective" x1="${PAD.left}" x2="${W - PAD.right}" y1="${sy(o.objective)}" y2="${sy(o.objective)}"/>`,
    );
  }
  for (const s of o.series) {
    const d = pathData(s.points, sx, sy);
    if (d !== '')
      parts.push(`<path class="series" d="${d}" stroke="${x(s.color)}"><title>${x(s.name)}</title></path>`);
  }
  const legend = o.series
    .map((s) => `<span><i style="background:${x(s.color)}"></i>${x(s.name)}</span>`)
    .join('');
  const empty = values.length === 0 ? '<p class="empty">no data</p>' : '';
  return (
    `<figure class="chart"><figcaption>${x(o.title)} <small>(${x(o.unit)})</small><span class="legend">${legend}</span></figcaption>` +
    `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${x(o.title)}">${parts.join('')}</svg>${empty}</figure>`
  );
}

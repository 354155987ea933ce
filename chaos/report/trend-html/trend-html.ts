import { escapeXml as esc } from '../xml-escape.js';
import type { TrendCheck, TrendData, TrendNight } from './trend-data.js';

const COLOR: Record<string, string> = {
  pass: '#2e7d32',
  fail: '#c62828',
  flaky: '#ef6c00',
  inconclusive: '#9e9e9e',
};

const CSS = `body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}h1{font-size:20px}h2{font-size:16px;margin-top:28px}
table.grid{border-collapse:collapse}table.grid td,table.grid th{border:1px solid #ddd;padding:0;font-size:11px}
table.grid th{padding:2px 6px;text-align:left;white-space:nowrap}td.cell{width:14px;height:14px}td.cell a{display:block;width:100%;height:100%}
.charts{display:flex;flex-wrap:wrap;gap:12px}.chart{border:1px solid #ddd;padding:6px}.chart h3{font-size:12px;margin:0 0 4px}
.regressed h3{color:#c62828}.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}`;

/** x positions of n points across a width (a single point sits in the middle). */
const xs = (n: number, width: number): number[] =>
  Array.from({ length: n }, (_, i) => (n <= 1 ? width / 2 : (i * width) / (n - 1)));

function polyline(
  values: readonly (number | null)[],
  width: number,
  height: number,
  lo: number,
  hi: number,
): string {
  const x = xs(values.length, width);
  const y = (v: number): number => height - ((Math.max(lo, Math.min(hi, v)) - lo) / (hi - lo)) * height;
  const segments: string[][] = [[]];
  values.forEach((v, i) => {
    if (v === null) segments.push([]);
    else segments.at(-1)!.push(`${x[i]!.toFixed(1)},${y(v).toFixed(1)}`);
  });
  return segments
    .filter((s) => s.length > 0)
    .map((s) =>
      s.length === 1
        ? `<circle class="point" cx="${s[0]!.split(',')[0]}" cy="${s[0]!.split(',')[1]}" r="2" fill="#1565c0"/>`
        : `<polyline class="series" fill="none" stroke="#1565c0" stroke-width="1.5" points="${s.join(' ')}"/>`,
    )
    .join('');
}

function scoreChart(nights: readonly TrendNight[]): string {
  const w = 720;
  const h = 140;
  return `<svg class="score-chart" width="${w + 40}" height="${h + 20}" viewBox="-30 -5 ${w + 40} ${h + 20}" role="img" aria-label="resilience score">
<line x1="0" y1="${h}" x2="${w}" y2="${h}" stroke="#999"/><text x="-28" y="${h}" font-size="10">0</text><text x="-28" y="8" font-size="10">100</text>
${polyline(
  nights.map((n) => n.score),
  w,
  h,
  0,
  100,
)}</svg>`;
}

function marginChart(c: TrendCheck): string {
  const w = 260;
  const h = 80;
  const y = (v: number): number => h - ((Math.max(-1, Math.min(1, v)) + 1) / 2) * h;
  const band = c.band
    ? `<rect class="band" x="0" y="${y(c.band.ceiling).toFixed(1)}" width="${w}" height="${(y(c.band.floor) - y(c.band.ceiling)).toFixed(1)}" fill="#bbdefb" opacity="0.6"/>` +
      `<line class="median" x1="0" x2="${w}" y1="${y(c.band.median).toFixed(1)}" y2="${y(c.band.median).toFixed(1)}" stroke="#64b5f6" stroke-dasharray="3 2"/>`
    : '';
  const zero = `<line x1="0" x2="${w}" y1="${y(0)}" y2="${y(0)}" stroke="#e57373"/>`;
  return `<div class="chart${c.regressed ? ' regressed' : ''}" data-check="${esc(`${c.experiment}/${c.check}`)}"><h3>${esc(c.experiment)} · ${esc(c.check)} <small>(${esc(c.status)})</small></h3>
<svg class="margin-chart" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="margin">${band}${zero}${polyline(c.margins, w, h, -1, 1)}</svg></div>`;
}

function grid(d: TrendData): string {
  const head = d.nights.map((n) => `<th title="${esc(`${n.startedAt} ${n.commit}`)}"></th>`).join('');
  const rows = d.experiments.map((e) => {
    const cells = d.nights.map((n, i) => {
      const outcome = d.grid[e]?.[i] ?? null;
      const link = d.links[e]?.[i] ?? null;
      const title = esc(`${e} ${n.startedAt.slice(0, 10)}: ${outcome ?? 'not run'}`);
      const inner = link === null ? '' : `<a href="${esc(link)}" title="${title}"></a>`;
      return `<td class="cell" data-outcome="${outcome ?? 'none'}" title="${title}" style="background:${outcome ? COLOR[outcome] : '#fff'}">${inner}</td>`;
    });
    return `<tr><th>${esc(e)}</th>${cells.join('')}</tr>`;
  });
  return `<table class="grid"><tr><th>experiment \\ night</th>${head}</tr>${rows.join('')}</table>`;
}

/**
 * `trend.html`: one self-contained page (inline CSS and SVG, no script, no request) with the
 * nights × experiments verdict grid (cells link to that night's report.html when its folder is
 * kept), a margin chart per check with its regression band, and the resilience score over time.
 * Pure.
 */
export function renderTrendHtml(d: TrendData): string {
  const legend = Object.entries(COLOR)
    .map(([k, c]) => `<span style="background:${c}"></span>${k}`)
    .join('');
  const last = d.allNights.at(-1);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Faultline resilience trend · ${esc(d.branch)}</title><style>${CSS}</style></head><body>
<h1>Resilience trend of <code>${esc(d.branch)}</code></h1>
<p>${d.allNights.length} night(s); tonight (${esc(d.generatedFor)}) scores <b>${last ? last.score.toFixed(1) : '–'}</b> / 100.</p>
<h2>Resilience score</h2>${scoreChart(d.allNights)}
<h2>Verdicts: experiments × nights (last ${d.nights.length})</h2><p class="legend">${legend}</p>${grid(d)}
<h2>Margins per check</h2><p>Margin from -1 (failed badly) to +1; the red line is the objective (margin 0); the blue band is tonight's regression band (median ± max(3·MAD, 0.05) of the last 14 passing nights).</p>
<div class="charts">${d.checks.map(marginChart).join('\n')}</div>
</body></html>
`;
}

import type { TraceWaterfall, WaterfallSpan } from '../journal.js';
import { formatNumber } from '../number-format.js';
import { escapeXml as x } from '../xml-escape.js';
import { waterfallAnchor } from './rich-html.js';

const W = 760;
const ROW = 18;
const LABEL = 260;
/** Width of one character of the 11px label font, generously (in SVG units). */
const CHAR_PX = 6.4;

/** Spans in tree order (parents before children, siblings by start), with depth. */
export function orderSpans(spans: readonly WaterfallSpan[]): { span: WaterfallSpan; depth: number }[] {
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string | undefined, WaterfallSpan[]>();
  for (const s of spans) {
    const parent = s.parentSpanId !== undefined && ids.has(s.parentSpanId) ? s.parentSpanId : undefined;
    children.set(parent, [...(children.get(parent) ?? []), s]);
  }
  const out: { span: WaterfallSpan; depth: number }[] = [];
  const visit = (parent: string | undefined, depth: number): void => {
    for (const s of [...(children.get(parent) ?? [])].sort((a, b) => a.startMs - b.startMs)) {
      out.push({ span: s, depth });
      if (depth < 50) visit(s.spanId, depth + 1);
    }
  };
  visit(undefined, 0);
  return out;
}

const REASONS: Partial<Record<string, string>> = { violation: 'invariant-breaking order' };

function orders(trace: TraceWaterfall): string {
  const ids = trace.orderIds ?? [];
  if (ids.length === 0) return '';
  const shown = ids.slice(0, 3).map((id) => `<code>${x(id)}</code>`);
  return ` · order ${shown.join(', ')}${ids.length > 3 ? ` and ${ids.length - 3} more` : ''}`;
}

/** One trace as an SVG waterfall: a row per span, bar from start offset for its duration. Pure. */
export function renderWaterfall(trace: TraceWaterfall): string {
  const rows = orderSpans(trace.spans);
  const total = Math.max(trace.durationMs, ...trace.spans.map((s) => s.startMs + s.durationMs), 1);
  const scale = (W - LABEL - 60) / total;
  const body = rows.map(({ span, depth }, i) => {
    const y = i * ROW;
    const label = `${span.service} ${span.name}`;
    // Deep trees are indented at most 12 levels; the label is cut so it never runs into the bars.
    const indent = 4 + Math.min(depth, 12) * 8;
    const room = Math.floor((LABEL - 8 - indent) / CHAR_PX);
    return (
      `<g class="span ${span.status}"><text x="${indent}" y="${y + 13}">${x(label.length > room ? `${label.slice(0, room - 1)}…` : label)}</text>` +
      `<rect x="${(LABEL + span.startMs * scale).toFixed(1)}" y="${y + 3}" width="${Math.max(1, span.durationMs * scale).toFixed(1)}" height="${ROW - 6}"><title>${x(`${label}: ${formatNumber(span.durationMs)} ms at +${formatNumber(span.startMs)} ms (${span.status})`)}</title></rect>` +
      `<text class="ms" x="${(LABEL + (span.startMs + span.durationMs) * scale + 4).toFixed(1)}" y="${y + 13}">${formatNumber(span.durationMs)} ms</text></g>`
    );
  });
  return (
    `<figure class="waterfall" id="${waterfallAnchor(trace.traceId)}"><figcaption>${x(REASONS[trace.reason] ?? trace.reason)} trace <code>${x(trace.traceId)}</code> · ${formatNumber(trace.durationMs)} ms · ${trace.spans.length} spans${orders(trace)}</figcaption>` +
    `<svg viewBox="0 0 ${W} ${Math.max(rows.length, 1) * ROW}">${body.join('')}</svg></figure>`
  );
}

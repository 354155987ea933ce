import type { ReportContext } from '../report-context.js';
import type { RichText, Token } from '../rich-text.js';
import { escapeXml as x } from '../xml-escape.js';

/** The element id of a trace's waterfall figure, the target of every link to it. */
export function waterfallAnchor(traceId: string): string {
  return `trace-${traceId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** The waterfall an id links to: its own trace, or the trace of the order; undefined when not drawn. */
export function linkTarget(t: { id: string; of: string }, ctx: ReportContext): string | undefined {
  if (t.of === 'trace') return ctx.waterfallTraceIds.has(t.id) ? t.id : undefined;
  if (t.of === 'order') return ctx.waterfallByOrderId.get(t.id);
  return undefined;
}

function token(t: Token, ctx: ReportContext): string {
  if ('text' in t) return x(t.text);
  if ('code' in t) return `<code>${x(t.code)}</code>`;
  if ('strong' in t) return `<b>${x(t.strong)}</b>`;
  const target = linkTarget(t, ctx);
  const title = t.of === 'order' ? 'order' : t.of === 'trace' ? 'trace' : 'id';
  if (target === undefined) return `<code class="id ${t.of}">${x(t.id)}</code>`;
  return `<a class="id ${t.of}" href="#${waterfallAnchor(target)}" title="${title} waterfall"><code>${x(t.id)}</code></a>`;
}

/** A line of report text as HTML: escaped text, code, bold numbers, and ids linked to their waterfall. Pure. */
export function richHtml(line: RichText, ctx: ReportContext): string {
  return line.map((t) => token(t, ctx)).join('');
}

import type { RichText, Token } from './rich-text.js';

/** Escapes text so Markdown renders it literally (no raw HTML, no emphasis, no links). */
export function mdInline(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([*_`[\]])/g, '\\$1');
}

/** A code span that survives backticks inside it (a longer fence, padded). */
export function mdCode(code: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 ? ' ' : '';
  return `${fence}${pad}${code.replace(/\r?\n/g, ' ')}${pad}${fence}`;
}

function token(t: Token): string {
  if ('text' in t) return mdInline(t.text);
  if ('code' in t) return mdCode(t.code);
  if ('id' in t) return mdCode(t.id);
  return `**${mdInline(t.strong)}**`;
}

/** A line of report text as GitHub-flavoured Markdown. Pure. */
export function richMarkdown(line: RichText): string {
  return line.map(token).join('');
}

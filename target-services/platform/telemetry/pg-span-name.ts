/** `pg.query:<OPERATION> <database>`, the name the pg instrumentation gives an unnamed statement. */
export function pgSpanName(text: string, database: string | undefined): string {
  const trimmed = text.trim();
  const space = trimmed.search(/\s/);
  const operation = (space === -1 ? trimmed : trimmed.slice(0, space)).toUpperCase().replace(/;$/, '');
  return `pg.query:${operation}${database ? ` ${database}` : ''}`;
}

import type { AttributeValue } from './span-row.js';

/**
 * Span attributes that selectors and dashboards test most often, copied at ingest into their own
 * columns of the `spans` table so a query reads one narrow dictionary-compressed column instead of
 * parsing every span's JSON. The `attributes` JSON column still holds every attribute, these
 * included, so nothing is lost and `spans.attributes` stays complete.
 *
 * A promoted column holds the attribute's value as text, exactly as
 * `json_extract_string(attributes, '$."key"')` returns it (`500`, `true`, `/orders`; null when
 * absent): a selector gets the same answer from either column, whatever the sender's value type.
 */
export const PROMOTED_ATTRIBUTES = [
  { key: 'http.request.method', column: 'http_request_method' },
  { key: 'http.route', column: 'http_route' },
  { key: 'http.response.status_code', column: 'http_response_status_code' },
  { key: 'server.address', column: 'server_address' },
  { key: 'messaging.system', column: 'messaging_system' },
  { key: 'messaging.operation.type', column: 'messaging_operation_type' },
  { key: 'messaging.destination.name', column: 'messaging_destination_name' },
  { key: 'saga.step', column: 'saga_step' },
  { key: 'saga.compensation', column: 'saga_compensation' },
] as const;

const COLUMN_BY_KEY = new Map<string, string>(PROMOTED_ATTRIBUTES.map((p) => [p.key, p.column]));

/** The column holding attribute `key`, or undefined when it lives only in the JSON column. */
export function promotedColumn(key: string): string | undefined {
  return COLUMN_BY_KEY.get(key);
}

/** An attribute value as the text `json_extract_string` yields for it; null when absent. */
export function attributeText(value: AttributeValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : null;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}

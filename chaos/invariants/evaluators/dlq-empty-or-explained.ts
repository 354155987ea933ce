import type { Violation } from '../invariant.js';
import type { EvaluateOptions, FleetSnapshot } from '../snapshot.js';

/**
 * Dead-letter queues holding messages whose reason is not explained (prefix of one of
 * `explainedReasons`). Messages that could not be peeked count as unexplained.
 */
export function dlqEmptyOrExplained(s: FleetSnapshot, o: EvaluateOptions): Violation[] {
  const out: Violation[] = [];
  for (const q of s.dlqs) {
    if (q.depth === 0) continue;
    const explained = (reason: string | undefined): boolean =>
      reason !== undefined && o.explainedReasons.some((prefix) => reason.startsWith(prefix));
    const unexplained = q.messages.filter((m) => !explained(m.reason));
    const unpeeked = Math.max(0, q.depth - q.messages.length);
    if (unexplained.length === 0 && unpeeked === 0) continue;
    const reasons = [...new Set(unexplained.map((m) => m.reason ?? 'no reason header'))];
    const orderIds = [...new Set(unexplained.flatMap((m) => (m.orderId ? [m.orderId] : [])))];
    const parts = [`${q.depth} message(s)`];
    if (reasons.length > 0) parts.push(`unexplained reasons: ${reasons.join(' | ')}`);
    if (unpeeked > 0) parts.push(`${unpeeked} not inspected`);
    out.push({ invariant: 'dlq-empty-or-explained', orderIds, detail: `${q.queue}: ${parts.join('; ')}` });
  }
  return out;
}

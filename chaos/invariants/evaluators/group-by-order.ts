/** Groups rows by `orderId`, keeping first-seen order (deterministic output). */
export function groupByOrder<T extends { orderId: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.orderId);
    if (group === undefined) groups.set(row.orderId, [row]);
    else group.push(row);
  }
  return groups;
}

/** Authorized charges and refunds of one order's payment rows. */
export function countMoney(rows: readonly { kind: string; status: string }[]): {
  charged: number;
  refunded: number;
} {
  return {
    charged: rows.filter((r) => r.kind === 'charge' && r.status === 'authorized').length,
    refunded: rows.filter((r) => r.kind === 'refund' && r.status === 'refunded').length,
  };
}

/**
 * The seeded catalog: SKU-0001..SKU-0020 (huge stock, so load never runs out) and SKU-OOS (zero
 * stock, always compensates). Inventory seeds from it; order prices orders from it.
 */
export const CATALOG: readonly { sku: string; name: string; priceCents: number; stock: number }[] = [
  ...Array.from({ length: 20 }, (_, i) => ({
    sku: `SKU-${String(i + 1).padStart(4, '0')}`,
    name: `Product ${i + 1}`,
    priceCents: 1000 + i * 100,
    stock: 1_000_000_000,
  })),
  { sku: 'SKU-OOS', name: 'Always out of stock', priceCents: 500, stock: 0 },
];

/** Price of a SKU in cents; 0 for an unknown SKU (the reserve step then fails with out_of_stock). */
export function priceOf(sku: string): number {
  return CATALOG.find((p) => p.sku === sku)?.priceCents ?? 0;
}

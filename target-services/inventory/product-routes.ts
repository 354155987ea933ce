import { Router } from 'express';
import type pg from 'pg';
import { HttpProblem } from '../platform/errors.js';

interface ProductRow {
  sku: string;
  name: string;
  price_cents: string;
  stock: string;
}
const toProduct = (r: ProductRow) => ({
  sku: r.sku,
  name: r.name,
  priceCents: Number(r.price_cents),
  available: Number(r.stock),
});

/** GET /v1/products and GET /v1/products/:sku (the gateway's read path). */
export function productRoutes(pool: pg.Pool): Router {
  const r = Router();
  r.get('/v1/products', async (_req, res) => {
    const rows = (
      await pool.query<ProductRow>('select sku, name, price_cents, stock from products order by sku')
    ).rows;
    res.json({ items: rows.map(toProduct) });
  });
  r.get('/v1/products/:sku', async (req, res) => {
    const row = (
      await pool.query<ProductRow>('select sku, name, price_cents, stock from products where sku = $1', [
        req.params.sku,
      ])
    ).rows[0];
    if (!row) throw new HttpProblem(404, 'Not found', `unknown product ${req.params.sku}`);
    res.json(toProduct(row));
  });
  return r;
}

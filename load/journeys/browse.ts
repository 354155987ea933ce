import { check, request, type Journey, type JourneyContext } from './journey.js';
import { skuAt } from './checkout.js';

/** Product reads per browse iteration, after the list. */
const PRODUCT_READS = 2;

/** Browse: list products, then read a few random products. Checks every response is 200. */
export const browse: Journey = function* (ctx: JourneyContext) {
  const headers = { 'X-Api-Key': ctx.apiKey };
  const list = yield* request({ name: 'GET /v1/products', method: 'GET', path: '/v1/products', headers });
  yield* check('product list is 200', list.status === 200);
  for (let i = 0; i < PRODUCT_READS; i++) {
    const sku = skuAt(ctx.random);
    const product = yield* request({
      name: 'GET /v1/products/:sku',
      method: 'GET',
      path: `/v1/products/${sku}`,
      headers,
    });
    yield* check('product read is 200', product.status === 200);
  }
};

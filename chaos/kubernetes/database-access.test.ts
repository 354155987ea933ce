import assert from 'node:assert/strict';
import { primaryPodOf, reachDatabases, readDatabaseSecret } from './database-access.js';
import { forbidden } from './testing/api-responses.js';
import { FakeApiServer } from './testing/fake-api-server.js';

const NS = 'faultline';
const b64 = (s: string): string => Buffer.from(s).toString('base64');
const appSecret = (user: string, db: string, password = 'p@ss/w:rd') => ({
  kind: 'Secret',
  apiVersion: 'v1',
  data: { username: b64(user), password: b64(password), dbname: b64(db) },
});
const pod = (name: string, labels: Record<string, string>, phase = 'Running') => ({
  metadata: { name, labels },
  status: { phase },
});

describe('reaching the CloudNativePG databases reconcile reads (fake API server)', function () {
  let api: FakeApiServer;
  beforeEach(async function () {
    api = await FakeApiServer.start();
  });
  afterEach(async function () {
    await api.close();
  });

  it('in the cluster: each read-write Service, with the app user of each Secret, and no port-forward', async function () {
    for (const s of ['order', 'payment', 'inventory'])
      api.answer({
        method: 'GET',
        path: `/api/v1/namespaces/${NS}/secrets/${s}-db-app`,
        status: 200,
        body: appSecret(s, `${s}_db`),
      });
    const access = await reachDatabases(api.client(NS), true);
    assert.deepEqual(access.forwards, []);
    assert.deepEqual(access.databaseUrls, {
      order_db: 'postgres://order:p%40ss%2Fw%3Ard@order-db-rw.faultline.svc:5432/order_db',
      payment_db: 'postgres://payment:p%40ss%2Fw%3Ard@payment-db-rw.faultline.svc:5432/payment_db',
      inventory_db: 'postgres://inventory:p%40ss%2Fw%3Ard@inventory-db-rw.faultline.svc:5432/inventory_db',
    });
    assert.equal(new URL(access.databaseUrls.order_db).password, 'p%40ss%2Fw%3Ard');
    assert.ok(!api.requests.some((r) => r.path.includes('/pods')), 'no pod lookup in the cluster');
  });

  it('picks the running primary by cnpg.io/instanceRole, or by the pre-1.24 role label', async function () {
    const selector = `/api/v1/namespaces/${NS}/pods?labelSelector=${encodeURIComponent('cnpg.io/cluster=order-db')}`;
    api.answer({
      method: 'GET',
      path: selector,
      status: 200,
      body: {
        items: [
          pod('order-db-3', { 'cnpg.io/instanceRole': 'primary' }, 'Pending'),
          pod('order-db-2', { 'cnpg.io/instanceRole': 'replica' }),
          pod('order-db-1', { 'cnpg.io/instanceRole': 'primary' }),
        ],
      },
    });
    assert.equal(await primaryPodOf(api.client(NS), 'order-db'), 'order-db-1');
    api.answer({
      method: 'GET',
      path: selector,
      status: 200,
      body: { items: [pod('order-db-2', { role: 'replica' }), pod('order-db-4', { role: 'primary' })] },
    });
    assert.equal(await primaryPodOf(api.client(NS), 'order-db'), 'order-db-4');
    api.answer({
      method: 'GET',
      path: selector,
      status: 200,
      body: { items: [pod('order-db-2', { role: 'replica' })] },
    });
    await assert.rejects(primaryPodOf(api.client(NS), 'order-db'), {
      code: 'ERR_K8S_NO_POD',
      message: /order-db has no running primary/,
    });
  });

  it('a missing Secret, a Secret without a key, and a 403 are distinct errors', async function () {
    const path = `/api/v1/namespaces/${NS}/secrets/payment-db-app`;
    await assert.rejects(readDatabaseSecret(api.client(NS), 'payment'), {
      code: 'ERR_K8S_DB_SECRET',
      message: /payment-db-app does not exist in namespace faultline/,
    });
    api.answer({ method: 'GET', path, status: 200, body: { data: { username: b64('payment') } } });
    await assert.rejects(readDatabaseSecret(api.client(NS), 'payment'), {
      code: 'ERR_K8S_DB_SECRET',
      message: /has no key password/,
    });
    api.answer({ method: 'GET', path, status: 403, body: forbidden('get', 'secrets', NS) });
    await assert.rejects(readDatabaseSecret(api.client(NS), 'payment'), { code: 'ERR_K8S_FORBIDDEN' });
  });
});

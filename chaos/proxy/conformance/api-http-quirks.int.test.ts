import assert from 'node:assert/strict';
import { conformanceSuite } from './suite.js';
import { errorBody, parseJson, type ProxyJson, type ToxicJson } from './http.js';

conformanceSuite('proxy conformance: request decoding quirks (Go encoding/json)', (cf) => {
  it('matches JSON keys case-insensitively', async () => {
    const name = cf.name('case');
    const res = await cf.call('POST', '/proxies', {
      body: `{"NAME":"${name}","Listen":"127.0.0.1:0","UpStream":"127.0.0.1:1","ENABLED":false}`,
    });
    assert.equal(res.status, 201, res.text);
    const body = parseJson<ProxyJson>(res);
    assert.equal(body.name, name);
    assert.equal(body.upstream, '127.0.0.1:1');
    assert.equal(body.enabled, false);
    const toxic = await cf.call('POST', `/proxies/${name}/toxics`, {
      body: '{"TYPE":"latency","Attributes":{"LATENCY":7},"ToXiCiTy":0.5}',
    });
    assert.equal(toxic.status, 200, toxic.text);
    const t = parseJson<ToxicJson>(toxic);
    assert.deepEqual([t.type, t.attributes['latency'], t.toxicity], ['latency', 7, 0.5]);
  });

  it('ignores unknown keys at the top level and inside attributes', async () => {
    const name = cf.name('unknown');
    const res = await cf.call('POST', '/proxies', {
      body: { name, listen: '127.0.0.1:0', upstream: '127.0.0.1:1', enabled: false, colour: 'red' },
    });
    assert.equal(res.status, 201);
    assert.ok(!res.text.includes('colour'));
    const toxic = await cf.call('POST', `/proxies/${name}/toxics`, {
      body: { type: 'timeout', extra: 1, attributes: { timeout: 5, bogus: 9 } },
    });
    assert.equal(toxic.status, 200);
    assert.equal(
      toxic.text,
      '{"attributes":{"timeout":5},"name":"timeout_downstream","type":"timeout","stream":"downstream","toxicity":1}',
    );
  });

  it('reads only the first JSON value and ignores trailing garbage', async () => {
    const proxy = await cf.createProxy('garbage', '127.0.0.1:1', { enabled: false });
    const res = await cf.call('POST', `/proxies/${proxy.name}/toxics`, { body: '{"type":"noop"} garbage' });
    assert.equal(res.status, 200, res.text);
    assert.equal(parseJson<ToxicJson>(res).name, 'noop_downstream');
  });

  it('does not check the request Content-Type', async () => {
    const name = cf.name('ctype');
    const res = await cf.call('POST', '/proxies', {
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ name, listen: '127.0.0.1:0', upstream: '127.0.0.1:1', enabled: false }),
    });
    assert.equal(res.status, 201);
  });

  it('answers an empty body with 400 "bad request body: EOF"', async () => {
    const res = await cf.call('POST', '/proxies', { body: '' });
    assert.equal(res.status, 400);
    assert.equal(res.text, errorBody('bad request body: EOF', 400));
    const proxy = await cf.createProxy('eof', '127.0.0.1:1', { enabled: false });
    const toxic = await cf.call('POST', `/proxies/${proxy.name}/toxics`, { body: '' });
    assert.equal(toxic.text, errorBody('bad request body: EOF', 400));
  });

  it('answers invalid JSON with the Go decoder message', async () => {
    const res = await cf.call('POST', '/proxies', { body: '{name' });
    assert.equal(res.status, 400);
    assert.equal(
      res.text,
      errorBody("bad request body: invalid character 'n' looking for beginning of object key string", 400),
    );
  });

  it('ignores the body of POST /reset', async () => {
    const res = await cf.call('POST', '/reset', { body: 'not json at all' });
    assert.equal(res.status, 204);
    assert.equal(res.text, '');
  });
});

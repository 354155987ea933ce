import assert from 'node:assert/strict';
import { Proxy } from './proxy.js';
import { goFloat32, goString, renderProxy, renderProxyMap, renderToxic } from './render.js';
import { latency } from './toxics/latency.js';
import { noop } from './toxics/noop.js';

const env = { random: Math.random, metrics: undefined };

describe('JSON rendering', () => {
  it('prints float32 toxicity the way Go does', () => {
    assert.equal(goFloat32(1), '1');
    assert.equal(goFloat32(Math.fround(0.1)), '0.1');
    assert.equal(goFloat32(Math.fround(0.25)), '0.25');
    assert.equal(goFloat32(Math.fround(0.3)), '0.3');
  });

  it('escapes HTML characters like Go', () => {
    assert.equal(goString('<a&b>'), '"\\u003ca\\u0026b\\u003e"');
  });

  it('renders a toxic with every attribute and the reference key order', () => {
    const t = {
      name: 'latency_UpStream',
      type: 'latency',
      stream: 'UpStream',
      direction: 'upstream' as const,
      toxicity: 1,
      attributes: { latency: 10 },
      kind: latency,
    };
    assert.equal(
      renderToxic(t),
      '{"attributes":{"latency":10,"jitter":0},"name":"latency_UpStream","type":"latency","stream":"UpStream","toxicity":1}',
    );
    assert.equal(
      renderToxic({ ...t, type: 'noop', kind: noop, attributes: {} }).startsWith('{"attributes":{}'),
      true,
    );
  });

  it('renders a proxy with the Logger quirk and upstream toxics before downstream ones', () => {
    const p = new Proxy('p1', '127.0.0.1:1', '127.0.0.1:2', env);
    const base = { type: 'noop', toxicity: 1, attributes: {}, kind: noop };
    p.toxics.downstream.push({ ...base, name: 'd', stream: 'downstream', direction: 'downstream' });
    p.toxics.upstream.push({ ...base, name: 'u', stream: 'upstream', direction: 'upstream' });
    const json = renderProxy(p);
    assert.match(
      json,
      /^\{"name":"p1","listen":"127.0.0.1:1","upstream":"127.0.0.1:2","enabled":false,"Logger":\{\},"toxics":\[/,
    );
    assert.deepEqual(
      (JSON.parse(json) as { toxics: Array<{ name: string }> }).toxics.map((t) => t.name),
      ['u', 'd'],
    );
  });

  it('sorts the proxy map by name, numeric-looking names included', () => {
    const names = ['b', '10', 'a', '2'].map((n) => new Proxy(n, '', 'x:1', env));
    const keys = [...renderProxyMap(names).matchAll(/"([^"]+)":\{"name"/g)].map((m) => m[1]);
    assert.deepEqual(keys, ['10', '2', 'a', 'b']);
  });
});

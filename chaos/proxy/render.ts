import type { Proxy } from './proxy.js';
import type { ToxicConfig } from './toxic-config.js';

/** A JSON string as Go's encoder writes it (`<`, `>`, `&`, U+2028 and U+2029 escaped). */
export function goString(s: string): string {
  return JSON.stringify(s).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A float32 as Go's encoder writes it: the shortest text that reads back to the same float32. */
export function goFloat32(x: number): string {
  const f = Math.fround(x);
  if (Number.isInteger(f) && Math.abs(f) < 1e21) return String(f);
  for (let p = 1; p <= 9; p++) {
    const s = Number(f.toPrecision(p));
    if (Math.fround(s) === f) return String(s);
  }
  return String(f);
}

/** Toxic JSON with Toxiproxy's key order; `attributes` lists every attribute of the type. */
export function renderToxic(t: ToxicConfig): string {
  const attrs = t.kind.attributes.map((a) => `${goString(a.name)}:${t.attributes[a.name] ?? 0}`).join(',');
  return (
    `{"attributes":{${attrs}},"name":${goString(t.name)},"type":${goString(t.type)},` +
    `"stream":${goString(t.stream)},"toxicity":${goFloat32(t.toxicity)}}`
  );
}

/** Proxy JSON with Toxiproxy's key order, including the `"Logger":{}` quirk. */
export function renderProxy(p: Proxy): string {
  return (
    `{"name":${goString(p.name)},"listen":${goString(p.listen)},"upstream":${goString(p.upstream)},` +
    `"enabled":${p.enabled},"Logger":{},"toxics":[${p.toxicList().map(renderToxic).join(',')}]}`
  );
}

/** `GET /proxies`: an object keyed by name, keys sorted like Go's map encoding. */
export function renderProxyMap(proxies: readonly Proxy[]): string {
  const sorted = [...proxies].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return `{${sorted.map((p) => `${goString(p.name)}:${renderProxy(p)}`).join(',')}}`;
}

/** `{"proxies":[...]}` for /populate; `null` when the list is empty, like Go's nil slice. */
export function renderProxyList(proxies: readonly Proxy[]): string {
  return proxies.length === 0 ? 'null' : `[${proxies.map(renderProxy).join(',')}]`;
}

/** The embeddable Toxiproxy-compatible server. */
export { startProxyServer, type ProxyServer, type ProxyServerOptions } from './server.js';
export { TOXIC_TYPES, type ToxicType } from './toxics/registry.js';

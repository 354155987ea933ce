/**
 * What the kubernetes runner's k6-operator engine expects of the deployed stack, beyond
 * chaos/kubernetes/contract.ts (kept apart so that file stays the generator's): the ConfigMap
 * holding the bundled script (`npm run build:k6`), and where the runners remote-write their samples.
 */
export const K6_SCRIPT = { configMap: 'faultline-k6-script', file: 'faultline.js' } as const;

/** The Prometheus Operator's Service for a `Prometheus` object, port 9090, with remote-write receiving on. */
/** The gateway's Service and port (the fleet's default PORT). */
export const GATEWAY = { service: 'gateway', port: 8080 } as const;

export const PROMETHEUS = { service: 'prometheus-operated', port: 9090, podName: 'prometheus' } as const;

/** The trend statistics the runners write as `k6_<metric>_<stat>` series. */
export const K6_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'] as const;

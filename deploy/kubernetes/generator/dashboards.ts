/** The Grafana dashboards as ConfigMaps with the sidecar label (kube-prometheus-stack's Grafana loads them). */
import { ConfigMap } from 'kubernetes-models/v1';
import { meta, plain, type K8sObject } from './meta.js';

/** The label Grafana's dashboard sidecar watches. */
export const DASHBOARD_LABEL = { grafana_dashboard: '1' } as const;

/** One ConfigMap per dashboard (`uid` -> JSON), so no ConfigMap nears the 1 MiB limit. */
export function dashboardConfigMaps(dashboards: ReadonlyMap<string, string>): K8sObject[] {
  return [...dashboards].map(([uid, json]) =>
    plain(
      new ConfigMap({
        metadata: {
          ...meta(`grafana-dashboard-${uid}`, 'observability', DASHBOARD_LABEL),
          annotations: { grafana_folder: 'Faultline' },
        },
        data: { [`${uid}.json`]: json },
      }),
    ),
  );
}

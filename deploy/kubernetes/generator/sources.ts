/**
 * The repository files the manifests are generated from, read once by the entry point and passed down: the same
 * sources that docker-compose.yml, the Prometheus rules and the Grafana dashboards use.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DASHBOARDS } from '../../../dashboards/dashboards.js';
import { renderDashboard } from '../../../dashboards/render.js';
import { parseEnvFile } from '../../../scripts/stack/env-file.js';
import type { LinkEntry } from '../../../scripts/stack/compose-links.js';

/** A Prometheus rule group, as in prometheus/rules/*.yml. */
export interface RuleGroup {
  name: string;
  interval?: string;
  rules: Record<string, unknown>[];
}

export interface Sources {
  /** target-services/links.json */
  links: LinkEntry[];
  /** .env: image tags (the compose stack's pins) and dev credentials. */
  env: Record<string, string>;
  /** otel-collector/config.yaml and tempo.yaml, verbatim. */
  collectorConfig: string;
  tempoConfig: string;
  /** Every group of prometheus/rules/*.yml (generated from prometheus/slos.yaml by `npm run rules:generate`). */
  ruleGroups: RuleGroup[];
  /** Grafana dashboards by uid, rendered from dashboards/definitions/ exactly as dashboards/generated/. */
  dashboards: Map<string, string>;
  /** The k6 bundle from `npm run build:k6` (dist/k6/faultline.js). */
  k6Script: string;
}

/** Reads every source under `root` (the repository root). `k6Script` is passed in: it is a build output. */
export function readSources(root: string, k6Script: string): Sources {
  const text = (p: string) => readFileSync(join(root, p), 'utf8');
  const rulesDir = join(root, 'prometheus/rules');
  const ruleGroups = readdirSync(rulesDir)
    .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => (parse(text(`prometheus/rules/${f}`)) as { groups: RuleGroup[] }).groups);
  const dashboards = new Map(
    DASHBOARDS.map((d) => [d.uid, `${JSON.stringify(renderDashboard(d), null, 2)}\n`]),
  );
  return {
    links: JSON.parse(text('target-services/links.json')) as LinkEntry[],
    env: parseEnvFile(text('.env')),
    collectorConfig: text('otel-collector/config.yaml'),
    tempoConfig: text('otel-collector/tempo.yaml'),
    ruleGroups,
    dashboards,
    k6Script,
  };
}

/** Component kinds of a Collector config (top-level sections). */
export const COMPONENT_KINDS = ['receivers', 'processors', 'exporters', 'connectors', 'extensions'] as const;
type Kind = (typeof COMPONENT_KINDS)[number];

/** Valid component type names per kind for one pinned Collector version. */
export type ComponentCatalog = Record<Kind, readonly string[]>;

interface Pipeline {
  receivers?: string[];
  processors?: string[];
  exporters?: string[];
}

/** `otlp/tempo` → `otlp`: a component id is `type[/name]`. */
export function componentType(id: string): string {
  return id.split('/')[0] ?? id;
}

function section(config: Record<string, unknown>, kind: Kind): Record<string, unknown> {
  const s = config[kind];
  return s && typeof s === 'object' ? (s as Record<string, unknown>) : {};
}

function typeProblems(config: Record<string, unknown>, catalog: ComponentCatalog): string[] {
  return COMPONENT_KINDS.flatMap((kind) =>
    Object.keys(section(config, kind))
      .filter((id) => !catalog[kind].includes(componentType(id)))
      .map(
        (id) =>
          `${kind}.${id}: type ${componentType(id)} is not a ${kind.slice(0, -1)} of this Collector version`,
      ),
  );
}

function pipelineProblems(name: string, p: Pipeline, config: Record<string, unknown>): string[] {
  const out: string[] = [];
  const connectors = section(config, 'connectors');
  const check = (role: 'receivers' | 'processors' | 'exporters') => {
    const ids = p[role] ?? [];
    if (role !== 'processors' && ids.length === 0) out.push(`pipeline ${name} has no ${role}`);
    for (const id of ids) {
      const defined = id in section(config, role) || (role !== 'processors' && id in connectors);
      if (!defined) out.push(`pipeline ${name} uses undefined ${role.slice(0, -1)} ${id}`);
    }
  };
  check('receivers');
  check('processors');
  check('exporters');
  return out;
}

function connectorProblems(pipelines: Record<string, Pipeline>, config: Record<string, unknown>): string[] {
  const all = Object.values(pipelines);
  return Object.keys(section(config, 'connectors')).flatMap((id) => {
    const asExporter = all.some((p) => p.exporters?.includes(id));
    const asReceiver = all.some((p) => p.receivers?.includes(id));
    return asExporter && asReceiver
      ? []
      : [`connector ${id} must be an exporter in one pipeline and a receiver in another`];
  });
}

/**
 * Static checks of a parsed Collector config: every component's type exists in `catalog`, every
 * pipeline references defined components, every connector joins two pipelines, every declared
 * extension is defined. Returns the problems (empty when the config is sound). Pure.
 */
export function checkCollectorConfig(config: Record<string, unknown>, catalog: ComponentCatalog): string[] {
  const service = (config['service'] ?? {}) as {
    pipelines?: Record<string, Pipeline>;
    extensions?: string[];
  };
  const pipelines = service.pipelines ?? {};
  const problems = typeProblems(config, catalog);
  if (Object.keys(pipelines).length === 0) problems.push('service.pipelines is empty');
  for (const [name, p] of Object.entries(pipelines)) problems.push(...pipelineProblems(name, p, config));
  problems.push(...connectorProblems(pipelines, config));
  for (const ext of service.extensions ?? []) {
    if (!(ext in section(config, 'extensions'))) problems.push(`service uses undefined extension ${ext}`);
  }
  return problems;
}

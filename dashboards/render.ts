import * as annolist from '@grafana/grafana-foundation-sdk/annotationslist';
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as statetimeline from '@grafana/grafana-foundation-sdk/statetimeline';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import type { DashboardSpec, PanelSpec, QuerySpec, StateSpec, VariableSpec } from './model.js';

/** Datasource uids provisioned by dashboards/provisioning/datasources/datasources.yaml. */
export const PROMETHEUS_DS = { type: 'prometheus', uid: 'prometheus' } as const;
export const GRAFANA_DS = { type: 'grafana', uid: '-- Grafana --' } as const;
/** Panel height in grid units. */
const HEIGHT = 8;

function target(q: QuerySpec, i: number): prometheus.DataqueryBuilder {
  const t = new prometheus.DataqueryBuilder().expr(q.expr).refId(String.fromCharCode(65 + i));
  return q.legend === undefined ? t : t.legendFormat(q.legend);
}

type AnyPanel = cog.Builder<dashboard.Panel>;

function panel(p: PanelSpec, id: number, gridPos: dashboard.GridPos): AnyPanel {
  if (p.kind === 'annotations') {
    return new annolist.PanelBuilder()
      .id(id)
      .title(p.title)
      .description(p.description)
      .gridPos(gridPos)
      .tags([...(p.tags ?? [])])
      .onlyFromThisDashboard(false)
      .onlyInTimeRange(true)
      .limit(20);
  }
  const b =
    p.kind === 'stat'
      ? new stat.PanelBuilder()
      : p.kind === 'state-timeline'
        ? new statetimeline.PanelBuilder().mergeValues(true).showValue(common.VisibilityMode.Auto)
        : lineAt(new timeseries.PanelBuilder(), p.lineAt);
  b.id(id).title(p.title).description(p.description).datasource(PROMETHEUS_DS).gridPos(gridPos);
  if (p.unit !== undefined) b.unit(p.unit);
  if (p.states !== undefined) b.mappings([valueMap(p.states)]);
  p.queries.forEach((q, i) => b.withTarget(target(q, i)));
  return b;
}

/** A value mapping: each state's value shows as its text, in its colour. */
function valueMap(states: readonly StateSpec[]): dashboard.ValueMap {
  const options = Object.fromEntries(
    states.map((s, index) => [String(s.value), { text: s.text, color: s.color, index }]),
  );
  return { type: dashboard.MappingType.ValueToText, options };
}

/** A dashed threshold line at `value` (red under it, green from it), or the builder unchanged. */
function lineAt(b: timeseries.PanelBuilder, value: number | undefined): timeseries.PanelBuilder {
  if (value === undefined) return b;
  return b
    .thresholds(
      new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps([
        { value: null, color: 'red' },
        { value, color: 'green' },
      ]),
    )
    .thresholdsStyle(
      new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.Dashed),
    );
}

function variable(v: VariableSpec): dashboard.QueryVariableBuilder {
  return new dashboard.QueryVariableBuilder(v.name)
    .label(v.label)
    .query(v.query)
    .datasource(PROMETHEUS_DS)
    .multi(true)
    .includeAll(true)
    .allValue('.+')
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged);
}

/**
 * Grafana's built-in "filter by tags" annotation target. The SDK types `target` as a datasource
 * query builder; the built-in datasource's target is this plain object instead.
 */
function tagsTarget(tags: readonly string[]): cog.Builder<cog.Dataquery> {
  const t = new dashboard.AnnotationTargetBuilder()
    .type('tags')
    .tags([...tags])
    .limit(100)
    .matchAny(true)
    .build();
  return { build: () => t as unknown as cog.Dataquery };
}

function faultAnnotation(tags: readonly string[]): dashboard.AnnotationQueryBuilder {
  return new dashboard.AnnotationQueryBuilder()
    .name('Fault windows')
    .datasource(GRAFANA_DS)
    .enable(true)
    .iconColor('red')
    .target(tagsTarget(tags));
}

/** Renders one dashboard spec to Grafana dashboard JSON (schema of the pinned foundation SDK). Pure. */
export function renderDashboard(spec: DashboardSpec): dashboard.Dashboard {
  const b = new dashboard.DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.question)
    .tags([...spec.tags])
    .editable()
    .refresh(spec.refresh ?? '30s')
    .time(spec.time ?? { from: 'now-1h', to: 'now' });
  spec.variables.forEach((v) => b.withVariable(variable(v)));
  if (spec.annotationTags) b.annotations([faultAnnotation(spec.annotationTags)]);
  let id = 1;
  let y = 0;
  for (const row of spec.rows) {
    b.withRow(new dashboard.RowBuilder(row.title).id(id++).gridPos({ x: 0, y: y++, w: 24, h: 1 }));
    let x = 0;
    for (const p of row.panels) {
      const w = p.width ?? 12;
      if (x + w > 24) [x, y] = [0, y + HEIGHT];
      b.withPanel(panel(p, id++, { x, y, w, h: HEIGHT }));
      x += w;
    }
    y += HEIGHT;
  }
  return b.build();
}

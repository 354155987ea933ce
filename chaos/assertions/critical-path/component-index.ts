import { SEGMENT_KINDS, type PathSegment, type SegmentKind, type SpanRole } from './path-span.js';
import { roleCode, type LabelColumns } from './trace-columns.js';

/** The dimensions a population's critical-path time is broken down by. */
export const PATH_DIMENSIONS = ['service', 'span', 'kind', 'service-kind'] as const;
export type PathDimension = (typeof PATH_DIMENSIONS)[number];

const KIND_INDEX = new Map<SegmentKind, number>(SEGMENT_KINDS.map((k, i) => [k, i]));

/** What a component id stands for. */
export interface ComponentInfo {
  key: string;
  service?: string;
  kind?: SegmentKind;
}

/**
 * Interns the components of each dimension as small integers, looked up through nested maps of
 * the strings segments already hold (no key is built per segment): the accumulator then adds
 * into arrays instead of string-keyed maps, which is what keeps a pass over millions of spans fast.
 * It also interns span labels (service, name, role), whose columns the TraceAnalyser reads, so
 * that a stored span becomes a few numbers once its label is known.
 */
export class ComponentIndex {
  private readonly services = new Map<string, number>();
  private readonly spans = new Map<string, Map<string, number>>();
  /** Per label id: role code, service id, span id, name. */
  readonly labels: LabelColumns & { role: number[]; service: number[]; span: number[]; name: string[] } = {
    role: [],
    service: [],
    span: [],
    name: [],
  };
  readonly info: Record<PathDimension, ComponentInfo[]> = {
    service: [],
    span: [],
    kind: [],
    'service-kind': [],
  };

  constructor() {
    for (const kind of SEGMENT_KINDS) this.info.kind.push({ key: kind, kind });
  }

  /** The service's id (also the base of its service-kind ids). */
  service(name: string): number {
    let id = this.services.get(name);
    if (id === undefined) {
      id = this.info.service.length;
      this.services.set(name, id);
      this.info.service.push({ key: name, service: name });
      for (const kind of SEGMENT_KINDS)
        this.info['service-kind'].push({ key: `${name} ${kind}`, service: name, kind });
    }
    return id;
  }

  /** The id of span `name` of `service` (the `span` dimension). */
  span(service: string, name: string): number {
    let byName = this.spans.get(service);
    if (byName === undefined) {
      byName = new Map();
      this.spans.set(service, byName);
    }
    let span = byName.get(name);
    if (span === undefined) {
      span = this.info.span.length;
      byName.set(name, span);
      this.info.span.push({ key: `${service} ${name}`, service });
    }
    return span;
  }

  /** A new label id for spans of this service, name and role (ids are not shared between calls). */
  label(service: string, name: string, role: SpanRole): number {
    const l = this.labels;
    l.role.push(roleCode(role));
    l.service.push(this.service(service));
    l.span.push(this.span(service, name));
    l.name.push(name);
    return l.role.length - 1;
  }

  /** The service name of a label. */
  labelService(label: number): string {
    return this.info.service[this.labels.service[label]!]!.key;
  }

  /** The ids of a segment in every dimension, in PATH_DIMENSIONS order, written into `out`. */
  ids(s: PathSegment, out: Int32Array): void {
    const service = this.service(s.service);
    const span = this.span(s.service, s.name);
    const kind = KIND_INDEX.get(s.kind)!;
    out[0] = service;
    out[1] = span;
    out[2] = kind;
    out[3] = service * SEGMENT_KINDS.length + kind;
  }
}

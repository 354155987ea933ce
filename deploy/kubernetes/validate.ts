/**
 * Validates a Kubernetes object of any kind the generator writes:
 *
 *   core kinds (Deployment, Service, Role, ...)  -> kubernetes-models 4.5.1 (the Kubernetes 1.33 OpenAPI schema)
 *   custom resources (RabbitmqCluster, ...)      -> ajv against the openAPIV3Schema of the operator's CRD, vendored in
 *                                                   deploy/kubernetes/schemas/ (versions in schemas/README.md), with
 *                                                   unknown fields rejected as the API server would prune them
 *
 * Returns problems as `Kind/name: /json/path: message` strings; empty means valid.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { CORE_MODELS, OBJECT_META, type CoreModel } from './core-models.js';

/** The vendored CRD of each custom resource kind, by `apiVersion/kind`. Paths are relative to schemas/. */
export const CRD_FILES: Readonly<Record<string, string>> = {
  'rabbitmq.com/v1beta1/RabbitmqCluster': 'rabbitmq-cluster-operator/rabbitmqclusters.rabbitmq.com.yaml',
  'postgresql.cnpg.io/v1/Cluster': 'cloudnative-pg/clusters.postgresql.cnpg.io.yaml',
  'monitoring.coreos.com/v1/ServiceMonitor': 'prometheus-operator/servicemonitors.monitoring.coreos.com.yaml',
  'monitoring.coreos.com/v1/PrometheusRule': 'prometheus-operator/prometheusrules.monitoring.coreos.com.yaml',
  'monitoring.coreos.com/v1/Prometheus': 'prometheus-operator/prometheuses.monitoring.coreos.com.yaml',
  'k6.io/v1alpha1/TestRun': 'k6-operator/testruns.k6.io.yaml',
};

const SCHEMA_DIR = new URL('./schemas/', import.meta.url);
const OPENAPI_FORMATS = ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password', 'quantity'];
const compiled = new Map<string, ValidateFunction>();

interface CrdVersion {
  name: string;
  schema?: { openAPIV3Schema?: Record<string, unknown> };
}

/** Problems of `obj`; empty when it is valid for its apiVersion and kind. */
export function validateObject(obj: unknown): string[] {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return ['not an object'];
  const o = obj as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
  if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string')
    return ['apiVersion and kind must be strings'];
  const key = `${o.apiVersion}/${o.kind}`;
  const label = `${o.kind}/${typeof o.metadata?.name === 'string' ? o.metadata.name : '?'}`;
  const problems: string[] = [];
  if (typeof o.metadata?.name !== 'string' || o.metadata.name === '')
    problems.push('/metadata/name: is required');
  const model = CORE_MODELS[key];
  if (model) problems.push(...coreProblems(model, obj));
  else if (CRD_FILES[key]) {
    problems.push(...crdProblems(key, obj));
    if (o.metadata) problems.push(...coreProblems(OBJECT_META, o.metadata).map((p) => `/metadata${p}`));
  } else problems.push(`no schema for ${key}: neither a core kind nor a vendored CRD`);
  return problems.map((p) => `${label}: ${p}`);
}

function coreProblems(model: CoreModel, obj: object): string[] {
  try {
    new model(obj as never).validate();
    return [];
  } catch (err) {
    const errors = (err as { errors?: ErrorObject[] }).errors;
    if (!errors) return [String(err)];
    return errors.map(describe);
  }
}

function crdProblems(key: string, obj: object): string[] {
  const validate = crdValidator(key);
  if (validate(obj)) return [];
  return (validate.errors ?? []).map(describe);
}

function describe(e: ErrorObject): string {
  const extra = e.keyword === 'additionalProperties' ? ` (${String(e.params['additionalProperty'])})` : '';
  const allowed = e.keyword === 'enum' ? ` (${(e.params['allowedValues'] as unknown[]).join(', ')})` : '';
  return `${e.instancePath || '/'}: ${e.message ?? e.keyword}${extra}${allowed}`;
}

/** The compiled validator of a custom resource kind (cached; the CRD files are large). */
function crdValidator(key: string): ValidateFunction {
  const hit = compiled.get(key);
  if (hit) return hit;
  const [group, version] = splitApiVersion(key);
  const crd = parse(readFileSync(new URL(CRD_FILES[key] ?? '', SCHEMA_DIR), 'utf8')) as {
    spec: { group: string; versions: CrdVersion[] };
  };
  const served = crd.spec.versions.find((v) => v.name === version);
  const schema = served?.schema?.openAPIV3Schema;
  if (crd.spec.group !== group || !schema) throw new Error(`${CRD_FILES[key]} has no schema for ${key}`);
  const fn = ajv().compile(closeObjects(schema, true) as object);
  compiled.set(key, fn);
  return fn;
}

function splitApiVersion(key: string): [string, string] {
  const parts = key.split('/');
  return [parts[0] ?? '', parts[1] ?? ''];
}

/**
 * CRD patterns are Go RE2, which allows a `(?i)` flag group that JavaScript does not: turn it into the `i`
 * flag. Any other pattern must compile as is.
 */
const re2: ((source: string, flags: string) => RegExp) & { code: string } = Object.assign(
  (source: string, flags: string) =>
    source.includes('(?i)')
      ? new RegExp(source.replaceAll('(?i)', ''), `${flags}i`)
      : new RegExp(source, flags),
  { code: 'new RegExp' },
);

function ajv(): Ajv {
  const a = new Ajv({ allErrors: true, strict: false, validateSchema: false, code: { regExp: re2 } });
  (addFormatsModule as unknown as (a: Ajv) => void)(a);
  for (const f of OPENAPI_FORMATS) a.addFormat(f, true);
  return a;
}

/**
 * A copy of a structural schema in which objects with `properties` allow no other fields, except under
 * `x-kubernetes-preserve-unknown-fields` and `metadata` (its fields are the API server's, not the CRD's): the API
 * server prunes unknown fields silently, so a misspelt field would otherwise vanish without a word.
 */
function closeObjects(schema: unknown, atRoot = false): unknown {
  if (Array.isArray(schema)) return schema.map((s) => closeObjects(s));
  if (typeof schema !== 'object' || schema === null) return schema;
  const s = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === 'properties' && typeof v === 'object' && v !== null) {
      out[k] = Object.fromEntries(
        Object.entries(v).map(([name, sub]) => [
          name,
          atRoot && name === 'metadata' ? sub : closeObjects(sub),
        ]),
      );
    } else if (k === 'default' || k === 'example' || k === 'enum') out[k] = v;
    else out[k] = closeObjects(v);
  }
  const open = s['x-kubernetes-preserve-unknown-fields'] === true || 'additionalProperties' in s;
  if (s['properties'] && !open) out['additionalProperties'] = false;
  return out;
}

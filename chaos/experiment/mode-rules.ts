import { ENVIRONMENT_MODES, type EnvironmentMode } from '../faults/environment-modes.js';
import { FAULT_DRIVERS } from '../faults/fault-drivers.js';
import { FAULT_KINDS, type FaultKind } from '../faults/fault-spec.js';
import type { SourceContext } from './issue-to-problem.js';
import { problemAt } from './issue-to-problem.js';
import type { Problem } from './problem.js';
import { asList, asRecord, asString } from './raw-access.js';

/**
 * Why a fault kind cannot run in a mode, or `undefined` when it can: the drivers' own `modes`
 * statement (chaos/faults/fault-drivers.ts), the one per-mode support table. Pure.
 */
export function modeRefusal(kind: FaultKind, mode: EnvironmentMode): string | undefined {
  const support = FAULT_DRIVERS[kind].modes[mode];
  return support === true ? undefined : support;
}

const isMode = (v: unknown): v is EnvironmentMode => ENVIRONMENT_MODES.includes(v as EnvironmentMode);
const isKind = (v: unknown): v is FaultKind => FAULT_KINDS.includes(v as FaultKind);

/**
 * Each mode's keys: attach needs `environment.attach`; kubernetes needs `environment.namespace`,
 * named again in `allow.namespace`; keys of another mode are errors. Every fault must be one its
 * driver supports in the mode, and `load.engine: k6-operator` needs kubernetes mode.
 */
export function checkMode(ctx: SourceContext): Problem[] {
  const root = asRecord(ctx.data);
  const env = asRecord(root?.['environment']);
  const rawMode = env?.['mode'] ?? 'embedded';
  if (!isMode(rawMode)) return [];
  const mode = rawMode;
  const problems: Problem[] = [];
  const add = (path: (string | number)[], message: string, hint: string): void => {
    problems.push(problemAt(ctx, path, message, hint));
  };
  if (mode === 'attach' && env?.['attach'] === undefined)
    add(
      ['environment', 'mode'],
      'attach mode needs environment.attach with the URLs to use',
      'add environment.attach: { toxiproxy, prometheus, gateway }',
    );
  if (mode !== 'attach' && env?.['attach'] !== undefined)
    add(
      ['environment', 'attach'],
      'environment.attach is only used in attach mode',
      'set environment.mode: attach, or remove environment.attach',
    );
  problems.push(...checkKubernetesKeys(ctx, env, mode));
  asList(root?.['faults']).forEach((raw, i) => {
    const kind = asRecord(raw)?.['kind'];
    if (!isKind(kind)) return;
    const reason = modeRefusal(kind, mode);
    if (reason !== undefined)
      add(['faults', i, 'kind'], `a ${kind} fault is not available in ${mode} mode`, reason);
  });
  if (asRecord(root?.['load'])?.['engine'] === 'k6-operator' && mode !== 'kubernetes')
    add(
      ['load', 'engine'],
      `load.engine k6-operator runs a TestRun in a cluster; it is not available in ${mode} mode`,
      'use engine builtin or k6 here, or mode: kubernetes',
    );
  return problems;
}

function checkKubernetesKeys(
  ctx: SourceContext,
  env: Record<string, unknown> | undefined,
  mode: EnvironmentMode,
): Problem[] {
  const namespace = asString(env?.['namespace']);
  const allowed = asString(asRecord(env?.['allow'])?.['namespace']);
  if (mode !== 'kubernetes')
    return (['namespace', 'context'] as const)
      .filter((key) => env?.[key] !== undefined)
      .map((key) =>
        problemAt(
          ctx,
          ['environment', key],
          `environment.${key} is only used in kubernetes mode`,
          `set environment.mode: kubernetes, or remove environment.${key}`,
        ),
      );
  if (env?.['namespace'] === undefined)
    return [
      problemAt(
        ctx,
        ['environment', 'mode'],
        'kubernetes mode needs environment.namespace: the namespace the stack is deployed in',
        'add environment.namespace and name it again in environment.allow.namespace',
      ),
    ];
  if (namespace !== undefined && allowed !== namespace)
    return [
      problemAt(
        ctx,
        allowed === undefined ? ['environment', 'namespace'] : ['environment', 'allow', 'namespace'],
        `the allowlist must name the namespace too: environment.allow.namespace is ${allowed ?? 'not set'}, environment.namespace is ${namespace}`,
        `set environment.allow.namespace: ${namespace}`,
      ),
    ];
  return [];
}

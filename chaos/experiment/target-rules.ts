import { didYouMean } from './closest-name.js';
import type { SourceContext } from './issue-to-problem.js';
import { problemAt } from './issue-to-problem.js';
import type { Problem } from './problem.js';
import { checkMode } from './mode-rules.js';
import { asList, asRecord, asString } from './raw-access.js';

const LINK_KINDS = new Set(['toxic', 'link-down']);
const PROCESS_KINDS = new Set(['process-kill', 'process-pause', 'process-restart']);
const BROKER_KINDS = new Set(['broker-memory-alarm', 'broker-app-stop']);

/**
 * Every target a fault touches must be named in `environment.allow`, and link names must exist
 * in the link map when one is known. Each mode's own keys and refusals: see mode-rules.ts.
 */
export function checkTargets(ctx: SourceContext, knownLinks: readonly string[] | undefined): Problem[] {
  const root = asRecord(ctx.data);
  const env = asRecord(root?.['environment']);
  const allow = asRecord(env?.['allow']);
  const allowedLinks = asList(allow?.['links']).filter((l): l is string => typeof l === 'string');
  const allowedServices = asList(allow?.['services']).filter((s): s is string => typeof s === 'string');
  const problems: Problem[] = [];
  const unknownLink = (path: (string | number)[], link: string): void => {
    if (knownLinks === undefined || knownLinks.includes(link)) return;
    problems.push(
      problemAt(
        ctx,
        path,
        `unknown link \`${link}\` (not in target-services/links.json)`,
        didYouMean(link, knownLinks) ?? `known links: ${knownLinks.join(', ')}`,
      ),
    );
  };
  allowedLinks.forEach((link, i) => unknownLink(['environment', 'allow', 'links', i], link));
  asList(root?.['faults']).forEach((raw, i) => {
    const fault = asRecord(raw);
    const kind = asString(fault?.['kind']) ?? '';
    const link = asString(fault?.['link']);
    const service = asString(fault?.['service']);
    if (LINK_KINDS.has(kind) && link !== undefined) {
      unknownLink(['faults', i, 'link'], link);
      if (!allowedLinks.includes(link)) {
        problems.push(
          problemAt(
            ctx,
            ['faults', i, 'link'],
            `link \`${link}\` is not allowed by environment.allow.links`,
            'add it to environment.allow.links',
          ),
        );
      }
    }
    if (PROCESS_KINDS.has(kind) && service !== undefined && !allowedServices.includes(service)) {
      problems.push(
        problemAt(
          ctx,
          ['faults', i, 'service'],
          `service \`${service}\` is not allowed by environment.allow.services`,
          'add it to environment.allow.services',
        ),
      );
    }
    if (BROKER_KINDS.has(kind) && allow?.['brokerDisposable'] !== true) {
      problems.push(
        problemAt(
          ctx,
          ['faults', i, 'kind'],
          `a ${kind} fault needs a disposable broker`,
          'set environment.allow.brokerDisposable: true only for a broker nothing else uses',
        ),
      );
    }
  });
  return [...problems, ...checkMode(ctx)];
}

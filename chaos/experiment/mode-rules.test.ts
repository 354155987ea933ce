import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FAULT_KINDS } from '../faults/fault-spec.js';
import { modeRefusal } from './mode-rules.js';
import { formatProblem } from './problem.js';
import { validateExperiment } from './validate-experiment.js';

const VALID = readFileSync(
  fileURLToPath(new URL('../../../chaos/experiment/rule-fixtures/valid.yaml', import.meta.url)),
  'utf8',
);
const DEFAULT_ENV = 'environment:\n  allow: { links: [payment-psp] }\n';
const KILL = `  - name: kill
    kind: process-kill
    service: payment
    at: 1s
    duration: 2s
`;

/** valid.yaml with its environment block replaced, and extra faults appended to `faults`. */
function variant(environment: string, extraFaults = '', engine = ''): string {
  assert.ok(VALID.includes(DEFAULT_ENV));
  let text = VALID.replace(DEFAULT_ENV, environment);
  if (extraFaults !== '') text = text.replace('faults:\n', `faults:\n${extraFaults}`);
  if (engine !== '') text = text.replace('load:\n', `load:\n  engine: ${engine}\n`);
  return text;
}

function problemsOf(text: string): string[] {
  const result = validateExperiment(text, 'x.yaml');
  return result.ok ? [] : result.problems.map((p) => formatProblem(p).replace(/^x\.yaml:/, ''));
}

const K8S = (ns: string, allowNs = ns, services = 'payment'): string =>
  `environment:\n  mode: kubernetes\n  namespace: ${ns}\n  allow: { links: [payment-psp], services: [${services}], namespace: ${allowNs} }\n`;

describe('environment mode rules', function () {
  it('accepts kubernetes mode with a namespace that the allowlist names too', function () {
    assert.deepEqual(problemsOf(variant(K8S('faultline'), KILL)), []);
  });

  const refused: [string, string, string, ...string[]][] = [
    [
      'a kubernetes run without a namespace',
      'environment:\n  mode: kubernetes\n  allow: { links: [payment-psp] }\n',
      '',
      '4:9  environment.mode  kubernetes mode needs environment.namespace: the namespace the stack is deployed in (add environment.namespace and name it again in environment.allow.namespace)',
    ],
    [
      'a namespace that is not a DNS-1123 label',
      K8S('Fault_Line'),
      '',
      '5:14  environment.namespace  a namespace name is a DNS-1123 label: lower-case letters, digits and -, starting and ending alphanumeric',
      '6:66  environment.allow.namespace  a namespace name is a DNS-1123 label: lower-case letters, digits and -, starting and ending alphanumeric',
    ],
    [
      'an allowlist that names another namespace',
      K8S('faultline', 'default'),
      '',
      '6:66  environment.allow.namespace  the allowlist must name the namespace too: environment.allow.namespace is default, environment.namespace is faultline (set environment.allow.namespace: faultline)',
    ],
    [
      'a namespace outside kubernetes mode',
      'environment:\n  namespace: faultline\n  allow: { links: [payment-psp] }\n',
      '',
      '4:14  environment.namespace  environment.namespace is only used in kubernetes mode (set environment.mode: kubernetes, or remove environment.namespace)',
    ],
    [
      'a process-pause fault in kubernetes mode',
      K8S('faultline'),
      KILL.replace('process-kill', 'process-pause'),
      '12:11  faults[0].kind  a process-pause fault is not available in kubernetes mode (pausing a container needs a node agent (SIGSTOP in the pod), which Faultline does not deploy; use process-kill or process-restart)',
    ],
    [
      'a process-kill fault in attach mode (refused at validate time, no longer at run time)',
      'environment:\n  mode: attach\n  attach: { toxiproxy: "http://127.0.0.1:8474", prometheus: "http://127.0.0.1:9090", gateway: "http://127.0.0.1:8080" }\n  allow: { links: [payment-psp], services: [payment] }\n',
      KILL,
      "12:11  faults[0].kind  a process-kill fault is not available in attach mode (attach mode does not own the fleet's processes; use mode: embedded or kubernetes)",
    ],
  ];
  for (const [what, env, faults, ...expected] of refused)
    it(`refuses ${what}, at its line and path`, function () {
      assert.deepEqual(problemsOf(variant(env, faults)), expected);
    });

  it('refuses the k6-operator engine outside kubernetes mode', function () {
    assert.deepEqual(problemsOf(variant(DEFAULT_ENV, '', 'k6-operator')), [
      '6:11  load.engine  load.engine k6-operator runs a TestRun in a cluster; it is not available in embedded mode (use engine builtin or k6 here, or mode: kubernetes)',
    ]);
    assert.deepEqual(problemsOf(variant(K8S('faultline'), '', 'k6-operator')), []);
  });

  it('validates the same embedded file in kubernetes mode with --namespace, refusing only what the mode cannot do', function () {
    const asIs = variant(DEFAULT_ENV, KILL.replace('process-kill', 'process-pause')).replace(
      'links: [payment-psp] }',
      'links: [payment-psp], services: [payment] }',
    );
    assert.deepEqual(problemsOf(asIs), []);
    const result = validateExperiment(asIs, 'x.yaml', { kubernetes: { namespace: 'faultline' } });
    assert.equal(result.ok, false);
    assert.deepEqual(
      !result.ok && result.problems.map((p) => `${p.line}:${p.column}  ${p.path}`),
      ['10:11  faults[0].kind'],
      'the problem keeps the line of the fault in the file',
    );
    const fine = validateExperiment(variant(DEFAULT_ENV), 'x.yaml', {
      kubernetes: { namespace: 'ns1', context: 'c' },
    });
    assert.ok(fine.ok);
    assert.deepEqual(
      fine.ok && [
        fine.experiment.environment.mode,
        fine.experiment.environment.namespace,
        fine.experiment.environment.context,
        fine.experiment.environment.allow.namespace,
      ],
      ['kubernetes', 'ns1', 'c', 'ns1'],
    );
  });

  it('states a support (or a reason) for every fault kind in every mode', function () {
    for (const kind of FAULT_KINDS) assert.equal(modeRefusal(kind, 'embedded'), undefined, kind);
    const refusedOnK8s = FAULT_KINDS.filter((k) => modeRefusal(k, 'kubernetes') !== undefined);
    assert.deepEqual(refusedOnK8s, ['process-pause']);
    const refusedOnAttach = FAULT_KINDS.filter((k) => modeRefusal(k, 'attach') !== undefined);
    assert.deepEqual(refusedOnAttach, ['process-kill', 'process-pause', 'process-restart']);
  });
});

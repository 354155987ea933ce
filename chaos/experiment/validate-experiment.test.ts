import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BASE_EXPERIMENT, withLine } from './fixtures-base.js';
import { formatProblem } from './problem.js';
import { validateExperiment } from './validate-experiment.js';

const LINKS = ['payment-psp', 'payment-postgres', 'order-postgres'];

function problemLines(text: string, knownLinks: readonly string[] | null = LINKS): string[] {
  const result = validateExperiment(text, 'bad.yaml', knownLinks === null ? {} : { knownLinks });
  return result.ok ? [] : result.problems.map(formatProblem);
}

const MALFORMED: { name: string; text: string; expected: string[] }[] = [
  {
    name: 'an unclosed flow mapping is a YAML syntax error with its position',
    text: withLine(11, '    toxic: { type: latency, attributes: { latency: 100 }'),
    expected: [
      'bad.yaml:12:5  (yaml)  YAML error: Flow map in block collection must be sufficiently indented and end with a }',
      'bad.yaml:12:9  (yaml)  YAML error: Nested mappings are not allowed in compact mappings',
      'bad.yaml:12:9  (yaml)  YAML error: Implicit keys need to be on a single line',
    ],
  },
  {
    name: 'a duplicate key is a YAML error',
    text: withLine(1, 'title: t\ntitle: u'),
    expected: ['bad.yaml:2:1  (yaml)  YAML error: Map keys must be unique'],
  },
  {
    name: 'an unknown YAML tag is reported instead of silently ignored',
    text: withLine(1, 'title: !foo t'),
    expected: ['bad.yaml:1:8  (yaml)  YAML error: Unresolved tag: !foo'],
  },
  {
    name: 'an alias bomb is refused without expanding it',
    text: [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcdefghijk'.split('').map((c, i) => {
        const prev = String.fromCharCode(97 + i);
        return `${c}: &${c} [${Array.from({ length: 10 }, () => `*${prev}`).join(', ')}]`;
      }),
    ].join('\n'),
    expected: [
      'bad.yaml:1:1  (yaml)  YAML cannot be loaded: Excessive alias count indicates a resource exhaustion attack',
    ],
  },
  {
    name: 'a document that is not a mapping is rejected',
    text: '- a\n- b\n',
    expected: ['bad.yaml:1:1  (top level)  an experiment must be a mapping of keys'],
  },
  {
    name: 'a misspelt top-level key is unknown, with the closest key as a hint',
    text: withLine(14, 'asertions:'),
    expected: ['bad.yaml:14:1  asertions  unknown key `asertions` (did you mean `assertions`?)'],
  },
  {
    name: 'an unknown toxic attribute points at the attribute key',
    text: withLine(11, '    toxic: { type: latency, attributes: { latencyy: 100 } }'),
    expected: [
      'bad.yaml:11:43  faults[0].toxic.attributes.latencyy  unknown key `latencyy` (did you mean `latency`?)',
    ],
  },
  {
    name: 'a number where a duration string belongs is a type error',
    text: withLine(12, '    at: 5'),
    expected: ['bad.yaml:12:9  faults[0].at  expected string, got number 5'],
  },
  {
    name: 'a malformed duration names the accepted forms',
    text: withLine(13, '    duration: 5 seconds'),
    expected: ['bad.yaml:13:15  faults[0].duration  expected a duration such as 500ms, 30s, 2m or 1h'],
  },
  {
    name: 'a fault window that ends after the inject phase is rejected',
    text: withLine(12, '    at: 8s'),
    expected: [
      'bad.yaml:13:15  faults[0].duration  fault window ends at 13s into inject, after the inject phase (10s) (shorten `at` or `duration`, or lengthen phases.inject)',
    ],
  },
  {
    name: 'a lease shorter than the fault duration is rejected',
    text: withLine(13, '    duration: 5s\n    lease: 2s'),
    expected: [
      'bad.yaml:14:12  faults[0].lease  lease 2s is shorter than the fault duration 5s (a lease must be >= duration)',
    ],
  },
  {
    name: 'an unknown fault kind lists the kinds and suggests the closest',
    text: withLine(9, '    kind: toxik'),
    expected: [
      'bad.yaml:9:11  faults[0].kind  expected one of toxic, link-down, process-kill, process-pause, process-restart, broker-memory-alarm, broker-app-stop, got string "toxik" (did you mean `toxic`?)',
    ],
  },
  {
    name: 'an unknown toxic type lists the 8 toxics and suggests the closest',
    text: withLine(11, '    toxic: { type: latncy }'),
    expected: [
      'bad.yaml:11:20  faults[0].toxic.type  expected one of latency, bandwidth, slow_close, timeout, reset_peer, slicer, limit_data, noop, got string "latncy" (did you mean `latency`?)',
    ],
  },
  {
    name: 'a bad stream and an out-of-range toxicity are both reported',
    text: withLine(11, '    toxic: { type: latency, stream: sideways, toxicity: 2 }'),
    expected: [
      'bad.yaml:11:37  faults[0].toxic.stream  expected one of upstream, downstream, got string "sideways"',
      'bad.yaml:11:57  faults[0].toxic.toxicity  `toxicity` is the share of connections affected, from 0 to 1 (Toxiproxy takes 2 as always)',
    ],
  },
  {
    name: 'a link outside the allowlist is refused',
    text: withLine(10, '    link: payment-postgres'),
    expected: [
      'bad.yaml:10:11  faults[0].link  link `payment-postgres` is not allowed by environment.allow.links (add it to environment.allow.links)',
    ],
  },
  {
    name: 'a link missing from the link map is unknown, with the closest link as a hint',
    text: withLine(10, '    link: payment-pps'),
    expected: [
      'bad.yaml:10:11  faults[0].link  unknown link `payment-pps` (not in target-services/links.json) (did you mean `payment-psp`?)',
      'bad.yaml:10:11  faults[0].link  link `payment-pps` is not allowed by environment.allow.links (add it to environment.allow.links)',
    ],
  },
  {
    name: 'a broker fault needs a disposable broker',
    text: withLine(9, '    kind: broker-memory-alarm').replace(
      '    link: payment-psp\n    toxic: { type: latency, attributes: { latency: 100 } }\n',
      '',
    ),
    expected: [
      'bad.yaml:9:11  faults[0].kind  a broker-memory-alarm fault needs a disposable broker (set environment.allow.brokerDisposable: true only for a broker nothing else uses)',
    ],
  },
  {
    name: 'a malformed threshold points at the exact column inside the quoted scalar',
    text: withLine(
      15,
      "  - { type: threshold, metric: http_req_duration, thresholds: ['p(99)<800', 'p(99) << 800'] }",
    ),
    expected: [
      'bad.yaml:15:85  assertions[0].thresholds[1]  expected a number at `< 800` (in `p(99) << 800`)',
    ],
  },
  {
    name: 'a malformed span selector points at the column where the selector parser stopped',
    text: withLine(15, "  - { type: trace, kind: count, select: 'span[service=payment', objective: '> 0' }"),
    expected: [
      'bad.yaml:15:62  assertions[0].select  expected whitespace, "," or "]" at the end (in `span[service=payment`)',
    ],
  },
  {
    name: 'a misspelt key inside a trace check gets the hint of that trace kind',
    text: withLine(15, "  - { type: trace, kind: count, selector: 'span', objective: '> 0' }"),
    expected: [
      'bad.yaml:15:5  assertions[0].select  required key is missing (expected string)',
      'bad.yaml:15:33  assertions[0].selector  unknown key `selector` (did you mean `select`?)',
    ],
  },
  {
    name: 'an unknown trace assertion kind lists the kinds',
    text: withLine(15, '  - { type: trace, kind: durations, select: span }'),
    expected: [
      'bad.yaml:15:26  assertions[0].kind  expected one of count, rate, duration, attribute, status, every-trace, no-trace, propagation, got string "durations" (did you mean `duration`?)',
    ],
  },
  {
    name: 'attach mode without attach URLs is rejected',
    text: withLine(2, 'environment:\n  mode: attach'),
    expected: [
      'bad.yaml:3:9  environment.mode  attach mode needs environment.attach with the URLs to use (add environment.attach: { toxiproxy, prometheus, gateway })',
    ],
  },
  {
    name: 'a guard cannot be a recovery check',
    text: withLine(
      14,
      "guards:\n  - { name: g, check: { type: recovery, sli: x, query: up, sliObjective: '< 1', objective: 'recovery < 5s' } }\nassertions:",
    ),
    expected: [
      'bad.yaml:15:31  guards[0].check.type  a guard cannot be a recovery check (guards are polled during inject; use a promql or threshold check)',
    ],
  },
  {
    name: 'duplicate check ids are rejected',
    text: withLine(
      15,
      "  - { type: threshold, id: a, metric: m, thresholds: ['avg<1'] }\n  - { type: threshold, id: a, metric: m, thresholds: ['avg<1'] }",
    ),
    expected: ['bad.yaml:16:28  assertions[1].id  duplicate check id `a` (check ids must be unique)'],
  },
  {
    name: 'a process fault on a service outside the allowlist is refused',
    text: withLine(9, '    kind: process-kill\n    service: order').replace(
      '    link: payment-psp\n    toxic: { type: latency, attributes: { latency: 100 } }\n',
      '',
    ),
    expected: [
      'bad.yaml:10:14  faults[0].service  service `order` is not allowed by environment.allow.services (add it to environment.allow.services)',
    ],
  },
  {
    name: 'a missing required key is reported at the enclosing mapping',
    text: withLine(16, null),
    expected: ['bad.yaml:1:1  evidence  required key is missing (expected object)'],
  },
  {
    name: 'several problems are all reported at once, in file order',
    text: withLine(14, 'asertions:').replace('latency: 100', 'latencyy: 100').replace('at: 1s', 'at: 8s'),
    expected: [
      'bad.yaml:11:43  faults[0].toxic.attributes.latencyy  unknown key `latencyy` (did you mean `latency`?)',
      'bad.yaml:13:15  faults[0].duration  fault window ends at 13s into inject, after the inject phase (10s) (shorten `at` or `duration`, or lengthen phases.inject)',
      'bad.yaml:14:1  asertions  unknown key `asertions` (did you mean `assertions`?)',
    ],
  },
];

describe('validateExperiment', function () {
  it('accepts the base fixture and fills in defaults', function () {
    const result = validateExperiment(`${BASE_EXPERIMENT.join('\n')}\n`, 'ok.yaml', { knownLinks: LINKS });
    assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
    assert.equal(result.experiment.environment.mode, 'embedded');
    assert.equal(result.experiment.load.journey, 'checkout');
    const fault = result.experiment.faults[0];
    assert.ok(fault?.kind === 'toxic');
    assert.deepEqual(fault.toxic, {
      type: 'latency',
      stream: 'downstream',
      toxicity: 1,
      attributes: { latency: 100 },
    });
  });

  for (const { name, text, expected } of MALFORMED) {
    it(`reports: ${name}`, function () {
      assert.deepEqual(problemLines(text), expected);
    });
  }

  it('checks only the <client>-<dependency> form of link names when no link map is known', function () {
    assert.deepEqual(
      problemLines(withLine(10, '    link: payment-pps').replace('[payment-psp]', '[payment-pps]'), null),
      [],
    );
    assert.deepEqual(problemLines(withLine(10, '    link: PaymentPsp'), null), [
      'bad.yaml:10:11  faults[0].link  link names are <client>-<dependency>',
      'bad.yaml:10:11  faults[0].link  link `PaymentPsp` is not allowed by environment.allow.links (add it to environment.allow.links)',
    ]);
  });

  it('maps an expression error in a plain scalar to its column', function () {
    const text = withLine(16, 'evidence: { type: promql, query: up, objective: <= 0x }');
    assert.deepEqual(problemLines(text), [
      'bad.yaml:16:53  evidence.objective  expected end of expression at `x` (in `<= 0x`)',
    ]);
  });

  it('accepts every experiment in the catalog', function () {
    const dir = fileURLToPath(new URL('../../../experiments/', import.meta.url));
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    assert.ok(files.length >= 3, 'the catalog has experiments');
    for (const file of files) {
      const result = validateExperiment(readFileSync(`${dir}${file}`, 'utf8'), file);
      assert.ok(result.ok, `${file}: ${JSON.stringify(!result.ok && result.problems.map(formatProblem))}`);
    }
  });
});

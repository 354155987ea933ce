import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readKnownLinks } from './load-experiment-file.js';
import { formatProblem } from './problem.js';
import { readKnownMetrics } from './read-known-metrics.js';
import { validateExperiment } from './validate-experiment.js';

// Tests run from dist/; the fixtures and the contract files are read from the repository.
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const dir = `${repo}chaos/experiment/rule-fixtures/`;

/** One file per rule: each breaks exactly one rule of valid.yaml and yields exactly this problem. */
const CASES: Record<string, string> = {
  'promql-assertion-query':
    '27:63  assertions[0].query  PromQL error at character 52 of `sum(increase(saga_outcomes_total{job="order"}[30s])`: the query ends too early (`(` at character 4 is never closed)',
  'promql-steady-state-query':
    '24:59  steadyState[0].query  PromQL error at character 31 of `sum(outbox_pending{job="order")`: unexpected `)` (`{` at character 19 is closed by `)` at character 31)',
  'promql-guard-query':
    '21:79  guards[0].check.query  PromQL error at character 66 of `sum(rate(http_server_request_duration_count{job="gateway"}[10s])))`: unexpected `)` (`)` at character 66 has no opening bracket)',
  'promql-recovery-query':
    '33:8  assertions[1].query  PromQL error at character 39 of `histogram_quantile(0.99, sum by (le) (rat(http_server_request_duration_bucket{job="gateway"}[30s])))`: unknown function `rat` (did you mean `rate`?)',
  'promql-evidence-query':
    '36:75  evidence.query  PromQL error at character 41 of `max_over_time(resilience_breaker_state[1x])`: unexpected `x`',
  'promql-range-vector':
    '27:25  assertions[0].query  PromQL error at character 14 of `sum(increase(saga_outcomes_total{job="order"}))`: `increase` needs a range vector here, such as `saga_outcomes_total{job="order"}[5m]`',
  'toxic-bandwidth-rate-zero':
    '14:27  faults[0].toxic.attributes.rate  `rate: 0` stalls the link: Toxiproxy delivers no byte and holds every connection open (give a rate in KB/s; to drop all data use a `timeout` toxic with `timeout: 0`, to refuse connections a `link-down` fault)',
  'toxic-bandwidth-rate-missing':
    "13:7  faults[0].toxic.attributes.rate  `rate` is missing, and Toxiproxy's default 0 stalls the link: Toxiproxy delivers no byte and holds every connection open (give a rate in KB/s; to drop all data use a `timeout` toxic with `timeout: 0`, to refuse connections a `link-down` fault)",
  'toxic-bandwidth-rate-negative':
    '14:27  faults[0].toxic.attributes.rate  `rate` must be >= 0: a negative rate crashes Toxiproxy (panic: slice bounds out of range) once data flows',
  'toxic-slicer-average-size-zero':
    '14:35  faults[0].toxic.attributes.average_size  `average_size: 0` makes Toxiproxy hang on the first data, then crash (stack overflow) (give the mean slice size in bytes, at least 1)',
  'toxic-slicer-average-size-missing':
    "14:19  faults[0].toxic.attributes.average_size  `average_size` is missing, and Toxiproxy's default 0 makes Toxiproxy hang on the first data, then crash (stack overflow) (give the mean slice size in bytes, at least 1)",
  'toxic-slicer-variation-above-average':
    '14:55  faults[0].toxic.attributes.size_variation  `size_variation: 20` larger than `average_size: 10` crashes Toxiproxy (panic: slice bounds out of range) (keep size_variation <= average_size)',
  'toxic-slicer-variation-negative':
    '14:55  faults[0].toxic.attributes.size_variation  `size_variation` must be >= 0: Toxiproxy ignores the variation, and crashes when average_size + size_variation <= 0',
  'toxic-slicer-delay-negative':
    '14:46  faults[0].toxic.attributes.delay  `delay` must be >= 0: Toxiproxy does not wait between slices, as with 0',
  'toxic-latency-negative':
    '14:30  faults[0].toxic.attributes.latency  `latency` must be >= 0: Toxiproxy adds no delay for a negative latency',
  'toxic-latency-jitter-negative':
    '14:43  faults[0].toxic.attributes.jitter  `jitter` must be >= 0: Toxiproxy ignores a negative jitter',
  'toxic-latency-overflow':
    "14:30  faults[0].toxic.attributes.latency  `latency` above 2147483647 ms overflows the proxy's timer, which then fires almost at once (Node's timers in faultline proxy hold at most 2147483647 ms (24.8 days), Go's in Toxiproxy 9223372036854 ms; to hold data for good use a `timeout` toxic with `timeout: 0`)",
  'toxic-latency-jitter-overflow':
    "14:50  faults[0].toxic.attributes.jitter  latency + jitter above 2147483647 ms overflows the proxy's timer (Node's timers in faultline proxy hold at most 2147483647 ms (24.8 days), Go's in Toxiproxy 9223372036854 ms; to hold data for good use a `timeout` toxic with `timeout: 0`)",
  'toxic-slow-close-negative':
    '14:28  faults[0].toxic.attributes.delay  `delay` must be >= 0: Toxiproxy closes at once, as with 0',
  'toxic-timeout-negative':
    '14:30  faults[0].toxic.attributes.timeout  `timeout` must be >= 0: Toxiproxy treats it as 0: data is dropped and the connection never closes',
  'toxic-timeout-overflow':
    "14:30  faults[0].toxic.attributes.timeout  `timeout` above 2147483647 ms overflows the proxy's timer, which then fires almost at once (Node's timers in faultline proxy hold at most 2147483647 ms (24.8 days), Go's in Toxiproxy 9223372036854 ms; to hold data for good use a `timeout` toxic with `timeout: 0`)",
  'toxic-reset-peer-negative':
    '14:30  faults[0].toxic.attributes.timeout  `timeout` must be >= 0: Toxiproxy resets at once, as with 0',
  'toxic-limit-data-negative':
    '14:28  faults[0].toxic.attributes.bytes  `bytes` must be >= 0: Toxiproxy closes on the first data, as with 0',
  'toxic-toxicity-above-one':
    '14:17  faults[0].toxic.toxicity  `toxicity` is the share of connections affected, from 0 to 1 (Toxiproxy takes 1.5 as always)',
  'toxic-toxicity-below-zero':
    '14:17  faults[0].toxic.toxicity  `toxicity` is the share of connections affected, from 0 to 1 (Toxiproxy takes -0.5 as never)',
};

/** Edge cases Toxiproxy answers sanely: accepted, with neither a problem nor a warning. */
const ACCEPTED = [
  'valid',
  'edge-limit-data-zero',
  'edge-slicer-variation-equals-average',
  'edge-latency-jitter-above-latency',
  'edge-timeout-zero',
];

describe('validation rules, one bad file each (chaos/experiment/rule-fixtures/)', function () {
  let knownLinks: string[] | undefined;
  let knownMetrics: string[] | undefined;
  before(async function () {
    knownLinks = await readKnownLinks(repo, {});
    knownMetrics = await readKnownMetrics(repo, {});
    assert.ok(knownLinks && knownMetrics, 'the repository has links.json and telemetry-names.json');
  });

  function validate(name: string) {
    const file = `${name}.yaml`;
    return validateExperiment(readFileSync(`${dir}${file}`, 'utf8'), file, {
      ...(knownLinks && { knownLinks }),
      ...(knownMetrics && { knownMetrics }),
    });
  }

  it('has a case for every fixture file, and a file for every case', function () {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -'.yaml'.length));
    const covered = [...Object.keys(CASES), ...ACCEPTED, 'warning-metric-not-in-contract'];
    assert.deepEqual([...files].sort(), [...covered].sort());
  });

  for (const [name, expected] of Object.entries(CASES)) {
    it(`refuses ${name}.yaml with exactly one problem at the expected line and column`, function () {
      const result = validate(name);
      assert.equal(result.ok, false);
      assert.deepEqual(result.ok ? [] : result.problems.map(formatProblem), [`${name}.yaml:${expected}`]);
      assert.deepEqual(result.warnings, []);
    });
  }

  for (const name of ACCEPTED) {
    it(`accepts ${name}.yaml without a problem or a warning`, function () {
      const result = validate(name);
      assert.deepEqual(result.ok ? [] : result.problems.map(formatProblem), []);
      assert.deepEqual(result.warnings.map(formatProblem), []);
    });
  }

  it('accepts a query naming a metric outside the telemetry contract, with one warning at the name', function () {
    const result = validate('warning-metric-not-in-contract');
    assert.ok(result.ok);
    assert.deepEqual(result.warnings.map(formatProblem), [
      "warning-metric-not-in-contract.yaml:27:25  assertions[0].query  warning: metric `saga_outcome_total` is not in the fleet's telemetry-name contract (target-services/contracts/telemetry-names.json) (did you mean `saga_outcomes_total`?)",
    ]);
  });

  it('gives no warning for any metric the catalog queries', function () {
    const catalog = `${repo}experiments/`;
    const warnings = readdirSync(catalog)
      .filter((f) => f.endsWith('.yaml'))
      .flatMap((f) => {
        const result = validateExperiment(readFileSync(`${catalog}${f}`, 'utf8'), f, {
          ...(knownMetrics && { knownMetrics }),
        });
        assert.ok(result.ok, f);
        return result.warnings.map(formatProblem);
      });
    assert.deepEqual(warnings, []);
  });
});

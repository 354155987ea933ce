import assert from 'node:assert/strict';
import { marginOf, marginOfAll, type Bound } from './margin.js';
import { parseObjectiveClauses } from './objective-clauses.js';

const near = (actual: number | undefined, expected: number, what: string): void => {
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-9, `${what}: ${actual} != ${expected}`);
};

describe('SLO margins per comparator', function () {
  const cases: { name: string; bound: Bound; want: number }[] = [
    {
      name: '< passes with room: p99 200 ms under 800',
      bound: { op: '<', limit: 800, observed: 200 },
      want: 0.75,
    },
    { name: '< sits on the line', bound: { op: '<', limit: 800, observed: 800 }, want: 0 },
    { name: '< fails: 1200 over 800', bound: { op: '<', limit: 800, observed: 1200 }, want: -0.5 },
    { name: '<= passes', bound: { op: '<=', limit: 10, observed: 9 }, want: 0.1 },
    { name: '> passes: 900 over 700', bound: { op: '>', limit: 700, observed: 875 }, want: 0.25 },
    { name: '> fails', bound: { op: '>', limit: 700, observed: 350 }, want: -0.5 },
    { name: '>= is clamped to 1 far above', bound: { op: '>=', limit: 100, observed: 1000 }, want: 1 },
    { name: '< is clamped to -1 far above', bound: { op: '<', limit: 100, observed: 1000 }, want: -1 },
    { name: 'recovery time 2 s under an 8 s limit', bound: { op: '<', limit: 8, observed: 2 }, want: 0.75 },
    { name: 'recovery time 10 s over an 8 s limit', bound: { op: '<', limit: 8, observed: 10 }, want: -0.25 },
    {
      name: 'rate < 0.05 with 0.01 observed',
      bound: { op: '<', limit: 0.05, observed: 0.01, scale: 'rate' },
      want: 0.8,
    },
    {
      name: 'rate > 0.9 passing, measured against the room to 1',
      bound: { op: '>', limit: 0.9, observed: 0.95, scale: 'rate' },
      want: 0.5,
    },
    {
      name: 'rate > 0.9 failing, measured against the limit',
      bound: { op: '>', limit: 0.9, observed: 0.45, scale: 'rate' },
      want: -0.5,
    },
    { name: 'rate >= 1 met exactly', bound: { op: '>=', limit: 1, observed: 1, scale: 'rate' }, want: 1 },
    { name: 'objective 0: no violation is full room', bound: { op: '==', limit: 0, observed: 0 }, want: 1 },
    { name: 'objective 0: <= 0 met', bound: { op: '<=', limit: 0, observed: 0 }, want: 1 },
    { name: 'objective 0: 3 violations', bound: { op: '==', limit: 0, observed: 3 }, want: -0.75 },
    { name: 'objective 0: < 0 with 0 sits on the line', bound: { op: '<', limit: 0, observed: 0 }, want: 0 },
    { name: 'objective 0: > 0 with 1', bound: { op: '>', limit: 0, observed: 1 }, want: 0.5 },
    { name: 'objective 0: > 0 with 0 sits on the line', bound: { op: '>', limit: 0, observed: 0 }, want: 0 },
    { name: '== met exactly sits on the line', bound: { op: '==', limit: 5, observed: 5 }, want: 0 },
    { name: '== missed', bound: { op: '==', limit: 4, observed: 5 }, want: -0.25 },
    { name: 'a negative limit scales by its size', bound: { op: '>', limit: -10, observed: -5 }, want: 0.5 },
  ];
  for (const c of cases)
    it(c.name, function () {
      near(marginOf(c.bound), c.want, c.name);
    });

  it('gives no margin for a value that is not a number', function () {
    assert.equal(marginOf({ op: '<', limit: 1, observed: Number.NaN }), undefined);
  });

  it('takes the tightest clause of several, and none when one has none', function () {
    near(
      marginOfAll([
        { op: '<', limit: 800, observed: 200 },
        { op: '<', limit: 500, observed: 450 },
      ]),
      0.1,
      'two clauses',
    );
    assert.equal(marginOfAll([{ op: '<', limit: 1, observed: Number.NaN }]), undefined);
    assert.equal(marginOfAll([]), undefined);
  });
});

describe('objective clauses', function () {
  const cases: [string, ReturnType<typeof parseObjectiveClauses>][] = [
    ['< 0.05', [{ op: '<', limit: 0.05 }]],
    ['p(99)<800', [{ name: 'p(99)', op: '<', limit: 800 }]],
    [
      'p(99)<2500, p(95)<1500',
      [
        { name: 'p(99)', op: '<', limit: 2500 },
        { name: 'p(95)', op: '<', limit: 1500 },
      ],
    ],
    ['recovery.psp_p50_latency < 8s', [{ name: 'recovery.psp_p50_latency', op: '<', limit: 8 }]],
    ['recovery.x <= 500ms', [{ name: 'recovery.x', op: '<=', limit: 0.5 }]],
    ['= 0 violations', [{ op: '==', limit: 0 }]],
    ['count===0', [{ name: 'count', op: '==', limit: 0 }]],
    ['in [OK, UNSET]', undefined],
    ['', undefined],
  ];
  for (const [text, want] of cases)
    it(`reads \`${text}\``, function () {
      assert.deepEqual(parseObjectiveClauses(text), want);
    });
});

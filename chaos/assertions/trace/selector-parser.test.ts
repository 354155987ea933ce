import assert from 'node:assert/strict';
import { ExpressionError } from '../expression-error.js';
import { parseSelector } from './selector-parser.js';
import type { SelectorStep } from './selector-ast.js';

type StepShape = [combinator: SelectorStep['combinator'], conditions: string[]];

/** Renders a step compactly so valid cases read as one line each. */
function shape(step: SelectorStep): StepShape {
  const conditions = step.conditions.map((c) => {
    const field = 'key' in c.field ? `${c.field.type}:${c.field.key}` : c.field.type;
    const value = c.value === undefined ? '' : ` ${c.value.type}:${String(c.value.value)}`;
    return `${field} ${c.op}${value}`;
  });
  return [step.combinator, conditions];
}

describe('parseSelector', () => {
  const valid: [string, StepShape[]][] = [
    ['span', [[null, []]]],
    ['span[]', [[null, []]]],
    ['  span[ name = "payment.authorize" ]  ', [[null, ['name = string:payment.authorize']]]],
    [
      'span[service.name="payment" name="payment.authorize"]',
      [[null, ['service = string:payment', 'name = string:payment.authorize']]],
    ],
    ['span[service=order, kind=consumer]', [[null, ['service = string:order', 'kind = string:CONSUMER']]]],
    ['span[status=error]', [[null, ['status = string:ERROR']]]],
    ['span[duration>=1.5s]', [[null, ['duration >= number:1500']]]],
    ['span[duration<250ms]', [[null, ['duration < number:250']]]],
    ['span[http.response.status_code>=500]', [[null, ['attribute:http.response.status_code >= number:500']]]],
    ['span[saga.compensation=true]', [[null, ['attribute:saga.compensation = boolean:true']]]],
    ['span[http.route exists]', [[null, ['attribute:http.route exists']]]],
    ['span[resource.host.name contains "ci"]', [[null, ['resource:host.name contains string:ci']]]],
    ['span[name glob "shipping.*"]', [[null, ['name glob string:shipping.*']]]],
    ['span[name=~"payment\\\\..+"]', [[null, ['name =~ string:payment\\..+']]]],
    ['span[name="say \\"hi\\""]', [[null, ['name = string:say "hi"']]]],
    ['span[x.y!=-3]', [[null, ['attribute:x.y != number:-3']]]],
    [
      'span[service=gateway] > span[kind=client]',
      [
        [null, ['service = string:gateway']],
        ['child', ['kind = string:CLIENT']],
      ],
    ],
    [
      'span[service=gateway]>span[kind=client] span[status=ERROR]',
      [
        [null, ['service = string:gateway']],
        ['child', ['kind = string:CLIENT']],
        ['descendant', ['status = string:ERROR']],
      ],
    ],
  ];
  for (const [source, steps] of valid) {
    it(`parses ${source}`, () => {
      assert.deepEqual(parseSelector(source).steps.map(shape), steps);
    });
  }

  const malformed: [string, number, string][] = [
    ['', 0, '"span"'],
    ['spam', 0, '"span"'],
    ['spans', 4, '"[", ">", whitespace or end of selector'],
    ['span[', 5, 'a field name'],
    ['span[name', 9, 'an operator'],
    ['span[name=', 10, 'a value'],
    ['span[name="abc', 14, "a closing '\"'"],
    ['span[name="a" ', 14, 'a field name'],
    ['span[name="a"]x', 14, '">", whitespace then "span", or end of selector'],
    ['span[name="a"] >', 16, '"span"'],
    ['span[kind=consumr]', 10, 'one of UNSPECIFIED'],
    ['span[kind>consumer]', 9, '"=" or "!=" for kind'],
    ['span[duration>fast]', 14, 'a duration in ms'],
    ['span[name<3]', 9, '=, !=, =~, contains or glob for name'],
    ['span[x<"a"]', 7, 'a number after <'],
    ['span[name=~"("]', 11, 'a valid regular expression'],
    ['span[duration>5h]', 15, 'a number optionally followed by "ms" or "s"'],
    ['span[9x=1]', 5, 'a field name'],
    ['span[name="a"name="b"]', 13, 'whitespace, "," or "]"'],
  ];
  for (const [source, position, expected] of malformed) {
    it(`rejects ${JSON.stringify(source)} at position ${position}`, () => {
      assert.throws(
        () => parseSelector(source),
        (err: unknown) => {
          assert.ok(err instanceof ExpressionError, String(err));
          assert.equal(err.code, 'ERR_INPUT_EXPRESSION');
          assert.equal(err.position, position, err.message);
          assert.ok(err.expected.startsWith(expected), `${err.expected} should start with ${expected}`);
          return true;
        },
      );
    });
  }
});

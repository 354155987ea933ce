import { ExpressionError } from '../expression-error.js';
import { SPAN_KINDS, STATUS_CODES } from '../../telemetry/span-row.js';
import type {
  Combinator,
  Condition,
  FieldRef,
  Literal,
  Selector,
  SelectorOp,
  SelectorStep,
} from './selector-ast.js';

/**
 * Parses a span selector.
 *
 * ```bnf
 * selector   ::= ws? step ( combinator step )* ws?
 * combinator ::= ws? ">" ws?                 ; child: the next span's parent matches
 *              | ws                          ; descendant: some ancestor of the next span matches
 * step       ::= "span" ( "[" ws? conditions? ws? "]" )?
 * conditions ::= condition ( ( ws | ws? "," ws? ) condition )*
 * condition  ::= field ws? op ws? value | field ws "exists"
 * op         ::= "=" | "!=" | "<" | "<=" | ">" | ">=" | "=~" | "contains" | "glob"
 * field      ::= ident ( "." ident )*        ; name, service (= service.name), kind, status,
 *                                            ; duration (ms), resource.<key>, else a span attribute
 * ident      ::= [A-Za-z_] [A-Za-z0-9_-]*
 * value      ::= string | number | "true" | "false" | bare
 * string     ::= '"' ( [^"\\] | "\\" any )* '"'
 * number     ::= "-"? digit+ ( "." digit+ )? ( "ms" | "s" )?   ; a duration unit scales to ms
 * bare       ::= [A-Za-z_] [A-Za-z0-9_.-]*   ; e.g. kind=consumer status=ERROR
 * ```
 * `=~` is an RE2 full match and `glob` a `*`/`?` pattern, both over the text value. `kind` and
 * `status` values are case-insensitive OTLP names. Throws `ExpressionError` with the 0-based
 * position and what was expected there.
 */
export function parseSelector(source: string): Selector {
  const p = new Parser(source);
  p.ws();
  const steps: SelectorStep[] = [p.step(null)];
  for (;;) {
    const combinator = p.combinator();
    if (combinator === undefined) break;
    steps.push(p.step(combinator));
  }
  p.ws();
  if (!p.atEnd()) p.fail('">", whitespace then "span", or end of selector');
  return { source, steps };
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_-]/;
const WORD_OPS = ['contains', 'glob', 'exists'] as const;

class Parser {
  pos = 0;
  constructor(private readonly src: string) {}

  atEnd(): boolean {
    return this.pos >= this.src.length;
  }
  peek(offset = 0): string {
    return this.src[this.pos + offset] ?? '';
  }
  ws(): boolean {
    const start = this.pos;
    while (/\s/.test(this.peek())) this.pos++;
    return this.pos > start;
  }
  fail(expected: string, at = this.pos): never {
    const found = at >= this.src.length ? 'end of input' : JSON.stringify(this.src[at]);
    throw new ExpressionError(this.src, at, expected, found);
  }

  combinator(): Combinator | undefined {
    const hadWs = this.ws();
    if (this.peek() === '>') {
      this.pos++;
      this.ws();
      return 'child';
    }
    if (this.atEnd()) return undefined;
    if (hadWs) return 'descendant';
    return this.fail('">", whitespace then "span", or end of selector');
  }

  step(combinator: Combinator | null): SelectorStep {
    if (!this.src.startsWith('span', this.pos)) this.fail('"span"');
    this.pos += 4;
    if (IDENT_PART.test(this.peek())) this.fail('"[", ">", whitespace or end of selector');
    const conditions: Condition[] = [];
    if (this.peek() !== '[') return { combinator, conditions };
    this.pos++;
    this.ws();
    while (this.peek() !== ']') {
      if (conditions.length > 0 && !this.separator()) this.fail('whitespace, "," or "]"');
      if (this.peek() === ']') break;
      conditions.push(this.condition());
    }
    this.pos++;
    return { combinator, conditions };
  }

  separator(): boolean {
    const hadWs = this.ws();
    if (this.peek() === ',') {
      this.pos++;
      this.ws();
      return true;
    }
    return hadWs || this.peek() === ']';
  }

  condition(): Condition {
    const position = this.pos;
    const field = this.field();
    this.ws();
    const opPosition = this.pos;
    const op = this.op();
    if (op === 'exists') return { field, op, position };
    this.ws();
    const { position: valuePosition, ...value } = this.value();
    checkValue(this, { field, op, value, position }, opPosition, valuePosition);
    return { field, op, value, position };
  }

  field(): FieldRef {
    if (!IDENT_START.test(this.peek()))
      this.fail('a field name (name, service, kind, status, duration or an attribute)');
    const start = this.pos;
    for (;;) {
      while (IDENT_PART.test(this.peek())) this.pos++;
      if (this.peek() !== '.' || !IDENT_START.test(this.peek(1))) break;
      this.pos++;
    }
    return toField(this.src.slice(start, this.pos));
  }

  op(): SelectorOp {
    for (const op of ['!=', '<=', '>=', '=~', '=', '<', '>'] as const) {
      if (this.src.startsWith(op, this.pos)) {
        this.pos += op.length;
        return op;
      }
    }
    for (const word of WORD_OPS) {
      if (this.src.startsWith(word, this.pos) && !IDENT_PART.test(this.peek(word.length))) {
        this.pos += word.length;
        return word;
      }
    }
    return this.fail('an operator (=, !=, <, <=, >, >=, =~, contains, glob, exists)');
  }

  value(): Literal & { position: number } {
    const position = this.pos;
    const c = this.peek();
    if (c === '"') return { ...this.string(), position };
    if (/[-0-9]/.test(c)) return { ...this.number(), position };
    if (IDENT_START.test(c)) {
      const start = this.pos;
      while (/[A-Za-z0-9_.-]/.test(this.peek())) this.pos++;
      const word = this.src.slice(start, this.pos);
      if (word === 'true' || word === 'false') return { type: 'boolean', value: word === 'true', position };
      return { type: 'string', value: word, position };
    }
    return this.fail('a value (a "string", a number, true, false or a bare word)');
  }

  string(): Literal {
    const open = this.pos++;
    let out = '';
    while (this.peek() !== '"') {
      if (this.atEnd()) this.fail("a closing '\"' for the string opened at " + open);
      if (this.peek() === '\\') this.pos++;
      if (this.atEnd()) this.fail('an escaped character');
      out += this.peek();
      this.pos++;
    }
    this.pos++;
    return { type: 'string', value: out };
  }

  number(): Literal {
    const match = /^-?\d+(\.\d+)?(ms|s)?/.exec(this.src.slice(this.pos));
    if (!match) return this.fail('a number');
    this.pos += match[0].length;
    if (IDENT_PART.test(this.peek())) this.fail('a number optionally followed by "ms" or "s"');
    const n = Number(match[0].replace(/m?s$/, ''));
    return { type: 'number', value: match[2] === 's' ? n * 1000 : n };
  }
}

function toField(name: string): FieldRef {
  if (name === 'name' || name === 'kind' || name === 'status' || name === 'duration') return { type: name };
  if (name === 'service' || name === 'service.name') return { type: 'service' };
  if (name.startsWith('resource.')) return { type: 'resource', key: name.slice('resource.'.length) };
  return { type: 'attribute', key: name };
}

const ORDER_OPS: readonly SelectorOp[] = ['<', '<=', '>', '>='];

/** Rejects well-formed but meaningless conditions, pointing at the value. */
function checkValue(p: Parser, condition: Condition, opAt: number, at: number): void {
  const { field, op } = condition;
  const value = condition.value!;
  if (field.type === 'kind' || field.type === 'status') {
    const names: readonly string[] = field.type === 'kind' ? SPAN_KINDS : STATUS_CODES;
    if (op !== '=' && op !== '!=') p.fail(`"=" or "!=" for ${field.type}`, opAt);
    if (value.type !== 'string' || !names.includes(value.value.toUpperCase()))
      p.fail(`one of ${names.join(', ')}`, at);
    value.value = value.value.toUpperCase();
  }
  if (field.type === 'duration' && value.type !== 'number')
    p.fail('a duration in ms (e.g. 250, 250ms or 1.5s)', at);
  if (ORDER_OPS.includes(op) && (field.type === 'name' || field.type === 'service')) {
    p.fail(`=, !=, =~, contains or glob for ${field.type}`, opAt);
  }
  if (ORDER_OPS.includes(op) && value.type !== 'number') p.fail(`a number after ${op}`, at);
  if ((op === 'contains' || op === 'glob' || op === '=~') && value.type !== 'string')
    p.fail(`a string after ${op}`, at);
  if (op === '=~' && value.type === 'string') {
    try {
      new RegExp(value.value);
    } catch {
      p.fail('a valid regular expression', at);
    }
  }
}

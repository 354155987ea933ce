/**
 * A JSON reader that behaves like Go's `json.Decoder.Decode`, so request errors match Toxiproxy's:
 * only the first value is read (trailing bytes are ignored), numbers keep their literal text (so an
 * int64 field can reject `1.5` the way Go does), and syntax errors carry Go's wording.
 *
 * value   ::= object | array | string | number | "true" | "false" | "null"
 */
export type JsonValue =
  | { kind: 'object'; entries: Array<[string, JsonValue]> }
  | { kind: 'array'; items: JsonValue[] }
  | { kind: 'string'; value: string }
  | { kind: 'number'; raw: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' };

/** A decode failure; `message` is Go's text without the `bad request body: ` prefix. */
export class GoJsonError extends Error {
  override readonly name = 'GoJsonError';
}

const WS = new Set([' ', '\t', '\n', '\r']);

function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  return `'${c}'`;
}

class Scanner {
  pos = 0;
  constructor(private readonly text: string) {}

  skipWs(): void {
    while (this.pos < this.text.length && WS.has(this.text[this.pos] as string)) this.pos++;
  }
  peek(): string | undefined {
    return this.text[this.pos];
  }
  fail(context: string): never {
    const c = this.peek();
    if (c === undefined) throw new GoJsonError('unexpected EOF');
    throw new GoJsonError(`invalid character ${quoteChar(c)} ${context}`);
  }

  value(): JsonValue {
    this.skipWs();
    const c = this.peek();
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return { kind: 'string', value: this.string() };
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return { kind: 'number', raw: this.number() };
    if (c === 't') return this.literal('true', { kind: 'bool', value: true });
    if (c === 'f') return this.literal('false', { kind: 'bool', value: false });
    if (c === 'n') return this.literal('null', { kind: 'null' });
    return this.fail('looking for beginning of value');
  }

  private literal(word: string, result: JsonValue): JsonValue {
    for (let i = 0; i < word.length; i++) {
      if (this.peek() !== word[i])
        this.fail(`in literal ${word} (expecting ${quoteChar(word[i] as string)})`);
      this.pos++;
    }
    return result;
  }

  private object(): JsonValue {
    this.pos++;
    const entries: Array<[string, JsonValue]> = [];
    this.skipWs();
    if (this.peek() === '}') {
      this.pos++;
      return { kind: 'object', entries };
    }
    for (;;) {
      this.skipWs();
      if (this.peek() !== '"') this.fail('looking for beginning of object key string');
      const key = this.string();
      this.skipWs();
      if (this.peek() !== ':') this.fail('after object key');
      this.pos++;
      entries.push([key, this.value()]);
      this.skipWs();
      const c = this.peek();
      this.pos++;
      if (c === '}') return { kind: 'object', entries };
      if (c !== ',') {
        this.pos--;
        this.fail('after object key:value pair');
      }
    }
  }

  private array(): JsonValue {
    this.pos++;
    const items: JsonValue[] = [];
    this.skipWs();
    if (this.peek() === ']') {
      this.pos++;
      return { kind: 'array', items };
    }
    for (;;) {
      items.push(this.value());
      this.skipWs();
      const c = this.peek();
      this.pos++;
      if (c === ']') return { kind: 'array', items };
      if (c !== ',') {
        this.pos--;
        this.fail('after array element');
      }
    }
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    for (;;) {
      const c = this.peek();
      if (c === undefined) throw new GoJsonError('unexpected EOF');
      if (c === '"') break;
      if (c < ' ') this.fail('in string literal');
      if (c === '\\') {
        this.pos++;
        const e = this.peek();
        if (e === undefined) throw new GoJsonError('unexpected EOF');
        if (!'"\\/bfnrtu'.includes(e)) this.fail('in string escape code');
        if (e === 'u') {
          for (let i = 0; i < 4; i++) {
            this.pos++;
            const h = this.peek();
            if (h === undefined) throw new GoJsonError('unexpected EOF');
            if (!/[0-9a-fA-F]/.test(h)) this.fail('in \\u hexadecimal character escape');
          }
        }
      }
      this.pos++;
    }
    this.pos++;
    return JSON.parse(this.text.slice(start, this.pos)) as string;
  }

  private number(): string {
    const start = this.pos;
    if (this.peek() === '-') this.pos++;
    const digits = (): number => {
      const from = this.pos;
      while (/[0-9]/.test(this.peek() ?? '')) this.pos++;
      return this.pos - from;
    };
    if (this.peek() === '0') this.pos++;
    else if (digits() === 0) this.fail('in numeric literal');
    if (this.peek() === '.') {
      this.pos++;
      if (digits() === 0) this.fail('after decimal point in numeric literal');
    }
    if (this.peek() === 'e' || this.peek() === 'E') {
      this.pos++;
      if (this.peek() === '+' || this.peek() === '-') this.pos++;
      if (digits() === 0) this.fail('in exponent of numeric literal');
    }
    return this.text.slice(start, this.pos);
  }
}

/** Reads the first JSON value of `text`; an empty body gives Go's `EOF`. */
export function decodeFirstValue(text: string): JsonValue {
  const scanner = new Scanner(text);
  scanner.skipWs();
  if (scanner.peek() === undefined) throw new GoJsonError('EOF');
  return scanner.value();
}

/** Go's name for a JSON value kind in unmarshal errors. */
export function kindName(v: JsonValue): string {
  return v.kind;
}

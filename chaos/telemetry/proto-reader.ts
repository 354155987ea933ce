/**
 * A minimal reader of the protobuf wire format over one Buffer: varints, fixed 64-bit values,
 * length-delimited fields and skipping. Every read is bounds-checked and throws `ProtoWireError`
 * on truncated or malformed input, so a bad body becomes a 400, never a crash.
 */

/** Malformed protobuf bytes. */
export class ProtoWireError extends Error {}

/** Wire types (the low 3 bits of a tag). */
export const WIRE = { varint: 0, fixed64: 1, bytes: 2, groupStart: 3, groupEnd: 4, fixed32: 5 } as const;

const TWO_32 = 4294967296;

/** Buffer's own slicers, which `toString` reaches only after argument checks. */
interface Slicers {
  utf8Slice(start: number, end: number): string;
}

/**
 * A cursor over `buf` between `pos` and `end`. A nested message is read by narrowing `end` to
 * it (`enter`) and restoring it afterwards (`leave`), so no reader is allocated per field.
 */
export class ProtoReader {
  constructor(
    readonly buf: Buffer,
    public pos: number,
    public end: number,
  ) {}

  /** Reads a length-delimited field as a message: returns the outer end, to pass to `leave`. */
  enter(): number {
    const outer = this.end;
    this.end = this.delimited();
    return outer;
  }

  /** Ends a nested message (skipping what was not read) and restores the outer end. */
  leave(outer: number): void {
    this.pos = this.end;
    this.end = outer;
  }

  static of(bytes: Uint8Array): ProtoReader {
    const buf = Buffer.isBuffer(bytes)
      ? bytes
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return new ProtoReader(buf, 0, buf.length);
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** A varint's low 32 bits as an unsigned number (tags, lengths, enums before `| 0`). */
  uint32(): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtoWireError('truncated varint');
      const b = this.buf[this.pos++]!;
      if (shift < 32) result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return result % TWO_32;
      shift += 7;
    }
    throw new ProtoWireError('varint longer than 10 bytes');
  }

  /** A varint as a signed 64-bit value: a number when exactly representable, else a bigint. */
  int64(): number | bigint {
    const start = this.pos;
    let value = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtoWireError('truncated varint');
      const b = this.buf[this.pos++]!;
      if (i < 7) value += (b & 0x7f) * 2 ** (7 * i);
      if (b < 0x80) {
        // Up to 7 bytes (49 bits) is a positive safe integer; longer ones go through BigInt.
        if (i < 7) return value;
        return BigInt.asIntN(64, this.bigVarint(start));
      }
    }
    throw new ProtoWireError('varint longer than 10 bytes');
  }

  private bigVarint(start: number): bigint {
    let v = 0n;
    for (let i = 0, p = start; p < this.pos; i++, p++) v |= BigInt(this.buf[p]! & 0x7f) << BigInt(7 * i);
    return v;
  }

  /** A fixed64 as an unsigned bigint. */
  fixed64(): bigint {
    this.need(8);
    const v = this.buf.readBigUInt64LE(this.pos);
    this.pos += 8;
    return v;
  }

  /** A fixed64 read as a little-endian double. */
  double(): number {
    this.need(8);
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }

  /** A length-delimited field: returns its end offset and leaves `pos` at its start. */
  delimited(): number {
    const length = this.uint32();
    this.need(length);
    return this.pos + length;
  }

  /** A length-delimited field as UTF-8 text. */
  string(): string {
    const end = this.delimited();
    const s = (this.buf as unknown as Slicers).utf8Slice(this.pos, end);
    this.pos = end;
    return s;
  }

  /** Skips a field of wire type `wire` (groups included, for old senders). */
  skip(wire: number): void {
    switch (wire) {
      case WIRE.varint:
        this.uint32();
        return;
      case WIRE.fixed64:
        this.need(8);
        this.pos += 8;
        return;
      case WIRE.bytes:
        this.pos = this.delimited();
        return;
      case WIRE.fixed32:
        this.need(4);
        this.pos += 4;
        return;
      case WIRE.groupStart:
        for (;;) {
          const tag = this.uint32();
          if ((tag & 7) === WIRE.groupEnd) return;
          this.skip(tag & 7);
        }
      default:
        throw new ProtoWireError(`invalid wire type ${wire} at offset ${this.pos}`);
    }
  }

  /** Throws unless `wire` is the wire type the schema gives field `field`. */
  expect(wire: number, want: number, field: string): void {
    if (wire !== want) throw new ProtoWireError(`field ${field} has wire type ${wire}, want ${want}`);
  }

  private need(bytes: number): void {
    if (this.pos + bytes > this.end) throw new ProtoWireError('truncated message');
  }
}

import type { Socket } from 'node:net';
import { rollToxicity } from './rng.js';
import type { ToxicConfig } from './toxic-config.js';
import { passThrough } from './toxics/noop.js';
import type { Chunk, Leftover, Stage, StageOutput, ToxicState } from './toxics/toxic.js';

/** A link pauses its source once its toxic chain plus `dst`'s write buffer hold more than this. */
export const LINK_HIGH_WATER_BYTES = 512 * 1024;
/** …and resumes it once they hold at most this many bytes. */
export const LINK_LOW_WATER_BYTES = LINK_HIGH_WATER_BYTES / 2;

/**
 * One direction of one connection: reads `src`, runs the toxic chain, writes `dst`.
 *
 *   src ──data──▶ slot[0] ─▶ slot[1] ─▶ … ─▶ write(dst)        (no toxics: src ─▶ write(dst))
 *
 * With no toxics a chunk goes straight to `dst` (the fast path: no timestamp, no allocation).
 * Toxics are added, updated and removed live; an interrupted stage hands back what it holds so
 * no buffered byte is lost. When the chain ends or a toxic closes it, `dst` is fully closed,
 * which ends the other direction too.
 *
 * Back-pressure: the bytes held by the stages plus `dst`'s unsent buffer are bounded. Above
 * {@link LINK_HIGH_WATER_BYTES} (or when `dst` asks for a drain) `src` is paused, so the kernel's
 * socket buffers push back on the sender, as Toxiproxy's blocking channels do; `src` resumes at
 * {@link LINK_LOW_WATER_BYTES}. Once `dst` is gone, or `src` fails (reset), the link drops what it
 * holds and stops: nothing more is read for, or sent on behalf of, a peer that has gone.
 */
export class Link {
  /** Bytes read from `src` and written to `dst` (for metrics). */
  bytesIn = 0;
  bytesOut = 0;
  private readonly slots: Slot[] = [];
  private finished = false;
  private inputEnded = false;
  private paused = false;

  constructor(
    private readonly src: Socket,
    private readonly dst: Socket,
    toxics: readonly ToxicConfig[],
    private readonly hooks: LinkHooks,
  ) {
    for (const t of toxics) this.slots.push(this.makeSlot(t, this.slots.length));
    src.on('data', (buf: Buffer) => this.onData(buf));
    src.on('end', () => this.onEnd());
    src.on('close', (hadError: boolean) => (hadError ? this.abort() : this.onEnd()));
    dst.on('drain', () => this.updateFlow());
    dst.once('close', () => this.abort());
  }

  private onData(buf: Buffer): void {
    this.bytesIn += buf.length;
    const first = this.slots[0];
    if (first === undefined) {
      this.write(buf);
      return;
    }
    first.stage.push({ data: buf, readAtMs: performance.now() });
    this.updateFlow();
  }

  /** Bytes held by the toxic chain, not yet written to `dst`. */
  heldBytes(): number {
    let held = 0;
    for (const slot of this.slots) held += slot.stage.heldBytes();
    return held;
  }

  /** Pauses `src` above the high-water mark, resumes it at the low-water mark. */
  private updateFlow(): void {
    if (this.finished) return;
    const dst = this.dst;
    const pressure = this.heldBytes() + dst.writableLength;
    if (!this.paused) {
      if (!dst.writableNeedDrain && pressure <= LINK_HIGH_WATER_BYTES) return;
      this.paused = true;
      this.src.pause();
    } else if (!dst.writableNeedDrain && pressure <= LINK_LOW_WATER_BYTES) {
      this.paused = false;
      this.src.resume();
    }
  }

  /** The peer on either side has gone: drop what the chain holds and stop reading `src`. */
  private abort(): void {
    if (this.finished) return;
    this.dispose();
    this.src.pause();
    if (!this.dst.destroyed) this.dst.destroy();
    this.hooks.onFinish();
  }

  private onEnd(): void {
    if (this.inputEnded) return;
    this.inputEnded = true;
    this.deliverEnd(0);
  }

  private deliver(index: number, chunk: Chunk): void {
    const slot = this.slots[index];
    if (slot === undefined) this.write(chunk.data);
    else slot.stage.push(chunk);
  }

  private deliverEnd(index: number): void {
    const slot = this.slots[index];
    if (slot === undefined) this.close();
    else slot.stage.end();
  }

  private write(buf: Buffer): void {
    if (this.finished || this.dst.destroyed) return;
    this.bytesOut += buf.length;
    // With no toxic and no pause this is exactly socket.pipe's work: write, pause only on false.
    if (!this.dst.write(buf) || this.paused || this.slots.length > 0) this.updateFlow();
  }

  /** Ends the link: flushes and fully closes `dst`. Idempotent. */
  close(): void {
    if (this.finished) return;
    this.finished = true;
    const dst = this.dst;
    if (dst.destroyed) return;
    dst.end(() => dst.destroy());
    this.hooks.onFinish();
  }

  /** Stops every stage (timers included) and drops what they hold; for a connection that is gone. */
  dispose(): void {
    this.finished = true;
    for (const slot of this.slots) stop(slot);
  }

  /** Appends a toxic; the previous last stage restarts (and re-rolls), like the original. */
  addToxic(toxic: ToxicConfig): void {
    this.slots.push(this.makeSlot(toxic, this.slots.length));
    if (this.slots.length > 1) this.restart(this.slots.length - 2);
  }

  /** Restarts the toxic's stage with its new settings and a new toxicity roll. */
  updateToxic(toxic: ToxicConfig): void {
    const index = this.slots.findIndex((s) => s.toxic.name === toxic.name);
    if (index >= 0) this.restart(index, toxic);
  }

  /** Removes a toxic; what it held moves on. A `closesOnRemove` toxic closes the link. */
  removeToxic(name: string): void {
    const index = this.slots.findIndex((s) => s.toxic.name === name);
    const slot = this.slots[index];
    if (slot === undefined) return;
    const left = stop(slot);
    this.slots.splice(index, 1);
    this.slots.forEach((s, i) => (s.index = i));
    this.replay(index, left);
    if (slot.toxic.kind.closesOnRemove) this.close();
    if (index > 0) this.restart(index - 1);
  }

  private restart(index: number, toxic?: ToxicConfig): void {
    const slot = this.slots[index] as Slot;
    const left = stop(slot);
    if (toxic) slot.toxic = toxic;
    this.startStage(slot);
    this.replay(index, left);
  }

  private replay(index: number, left: Leftover): void {
    for (const c of left.chunks) this.deliver(index, c);
    if (left.ended) this.deliverEnd(index);
  }

  private makeSlot(toxic: ToxicConfig, index: number): Slot {
    const slot = { toxic, index, state: {}, stage: undefined, out: undefined } as unknown as Slot;
    this.startStage(slot);
    return slot;
  }

  private startStage(slot: Slot): void {
    let active = true;
    const out: StageOutput = {
      emit: (c) => {
        if (!active) return;
        this.deliver(slot.index + 1, c);
        this.updateFlow();
      },
      end: () => active && this.deliverEnd(slot.index + 1),
      close: () => this.close(),
      reset: () => this.hooks.onReset(),
      random: this.hooks.random,
    };
    const roll = rollToxicity(this.hooks.random, slot.toxic.toxicity);
    slot.stage = roll ? slot.toxic.kind.create(slot.toxic.attributes, out, slot.state) : passThrough(out);
    slot.deactivate = () => (active = false);
  }
}

/** What a link needs from its connection. */
export interface LinkHooks {
  random: () => number;
  /** A toxic asked for a reset (reset_peer). */
  onReset: () => void;
  /** The link closed its destination. */
  onFinish: () => void;
}

interface Slot {
  toxic: ToxicConfig;
  index: number;
  state: ToxicState;
  stage: Stage;
  deactivate: () => void;
}

function stop(slot: Slot): Leftover {
  const left = slot.stage.interrupt();
  slot.deactivate();
  return left;
}

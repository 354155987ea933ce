import { Writable } from 'node:stream';
import { main } from '../main.js';

/** A stream that keeps what is written to it. Test support. */
export class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Runs the CLI in this process (`faultline ...args`) with `env`; its exit code and output. Test support. */
export async function runMain(
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number; out: string; err: string }> {
  const out = new Capture();
  const err = new Capture();
  const code = await main(['node', 'faultline', ...args], env, out, err);
  return { code, out: out.text, err: err.text };
}

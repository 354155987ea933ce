/**
 * W3C Trace Context and Baggage headers for load requests, so a client-side sample can be joined
 * with the server's trace. Pure: the random source is injected (crypto in Node, Math.random in k6).
 */

/** Returns `bytes` random bytes as lowercase hex. */
export type RandomHex = (bytes: number) => string;

/** A fresh `traceparent` (version 00, sampled) with a new trace id and parent span id. */
export function newTraceparent(randomHex: RandomHex): string {
  return `00-${nonZero(randomHex, 16)}-${nonZero(randomHex, 8)}-01`;
}

/** `baggage` naming the run, phase and journey (W3C Baggage, values percent-encoded). */
export function loadBaggage(entries: { runId: string; phase: string; journey: string }): string {
  return [
    `faultline.run_id=${encodeURIComponent(entries.runId)}`,
    `faultline.phase=${encodeURIComponent(entries.phase)}`,
    `faultline.journey=${encodeURIComponent(entries.journey)}`,
  ].join(',');
}

/** Hex from `Math.random` (k6 has no Node crypto). Good enough for trace ids, not for secrets. */
export function mathRandomHex(bytes: number): string {
  let out = '';
  for (let i = 0; i < bytes * 2; i++) out += Math.floor(Math.random() * 16).toString(16);
  return out;
}

// An all-zero id is invalid in W3C Trace Context.
function nonZero(randomHex: RandomHex, bytes: number): string {
  for (;;) {
    const hex = randomHex(bytes);
    if (/[^0]/.test(hex)) return hex;
  }
}

/** A distinct sequence of service ids and how often it occurred. */
export interface CountedPath {
  services: number[];
  count: number;
  totalMs: number;
}

/**
 * Counts distinct critical paths, each as the sequence of service ids it passes through
 * (consecutive repeats merged), without building a key per trace: a sequence is hashed as it is
 * pushed (FNV-1a over the ids) and compared id by id only against the paths that share its hash.
 */
export class PathCounter {
  private seq = new Int32Array(64);
  private len = 0;
  private hash = 0;
  private readonly byHash = new Map<number, CountedPath[]>();

  /** Starts a trace's sequence. */
  begin(): void {
    this.len = 0;
    this.hash = 0x811c9dc5;
  }

  /** Appends a service id, unless it repeats the last one. */
  push(service: number): void {
    if (this.len > 0 && this.seq[this.len - 1] === service) return;
    if (this.len === this.seq.length) {
      const grown = new Int32Array(this.seq.length * 2);
      grown.set(this.seq);
      this.seq = grown;
    }
    this.seq[this.len++] = service;
    this.hash = Math.imul(this.hash ^ service, 0x01000193);
  }

  /** Counts the sequence pushed since `begin`, for a trace of this latency. */
  end(totalMs: number): void {
    let bucket = this.byHash.get(this.hash);
    if (bucket === undefined) {
      bucket = [];
      this.byHash.set(this.hash, bucket);
    }
    const found = bucket.find((p) => this.matches(p.services));
    if (found) {
      found.count++;
      found.totalMs += totalMs;
    } else bucket.push({ services: Array.from(this.seq.subarray(0, this.len)), count: 1, totalMs });
  }

  /** Every distinct path counted. */
  paths(): CountedPath[] {
    return [...this.byHash.values()].flat();
  }

  private matches(services: readonly number[]): boolean {
    if (services.length !== this.len) return false;
    for (let i = 0; i < this.len; i++) if (services[i] !== this.seq[i]) return false;
    return true;
  }
}

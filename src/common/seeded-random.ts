/**
 * Deterministic random source (sfc32 seeded through the cyrb128 string hash), so a simulation or
 * scenario run with the same seed replays identically. Not for secrets.
 */

/** cyrb128: a fast 128-bit string hash; four independent 32-bit words make a good sfc32 state. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** Two hex digits per byte: Number#toString(16) on values past 2^31 takes V8's slow double path (15% of the engine's time). */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex32 = (w: number): string => HEX[w >>> 24] + HEX[(w >>> 16) & 0xff] + HEX[(w >>> 8) & 0xff] + HEX[w & 0xff];

export class SeededRandom {
  /** The seed as text; numbers and their decimal strings give the same stream. */
  readonly seed: string;
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string | number) {
    if (typeof seed === 'number' && !Number.isFinite(seed)) throw new Error(`Seed must be finite, got ${seed}`);
    this.seed = String(seed);
    [this.a, this.b, this.c, this.d] = cyrb128(this.seed);
    // Discard the first outputs: sfc32 needs a few rounds to mix a fresh state.
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  /** One sfc32 step: a uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1) with 53 random bits, so int() stays uniform over large ranges. */
  next(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** An integer in [min, maxInclusive]. */
  int(min: number, maxInclusive: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(maxInclusive)) {
      throw new Error(`int() needs safe integers, got ${min} and ${maxInclusive}`);
    }
    if (maxInclusive < min) throw new Error(`int() range is empty: ${min} > ${maxInclusive}`);
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }

  /** A float in [min, max). */
  float(min: number, max: number): number {
    if (!(max >= min)) throw new Error(`float() range is empty: ${min} > ${max}`);
    return min + this.next() * (max - min);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick() needs a non-empty array');
    return items[Math.floor(this.next() * items.length)];
  }

  /** True with probability p. */
  bool(p = 0.5): boolean {
    if (!(p >= 0 && p <= 1)) throw new Error(`bool() probability must be within [0, 1], got ${p}`);
    return this.next() < p;
  }

  /** A new array in random order (Fisher-Yates); the input is untouched. */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  /** A lower-case RFC 4122 version-4 GUID, reproducible because it comes from this stream. */
  uuid(): string {
    const w0 = this.nextUint32();
    const w1 = ((this.nextUint32() & 0xffff0fff) | 0x00004000) >>> 0; // version 4
    const w2 = ((this.nextUint32() & 0x3fffffff) | 0x80000000) >>> 0; // variant 10xx
    const w3 = this.nextUint32();
    const b = hex32(w1);
    const c = hex32(w2);
    return `${hex32(w0)}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${hex32(w3)}`;
  }

  /**
   * An independent stream named by `label`. It depends only on this stream's seed and the label,
   * not on how much has been drawn, and forking draws nothing, so adding draws to one simulator
   * never shifts another's.
   */
  fork(label: string): SeededRandom {
    return new SeededRandom(`${this.seed}\u001f${label}`);
  }
}

/**
 * Deterministic randomness for the generator. No Math.random anywhere: every value derives from the
 * user's seed, so the same options always give the same bytes.
 *
 * Two ways to get a generator:
 * - `Rng.stream(seed, tag)`: one long sequence (the event simulation walks it in order).
 * - `Rng.entity(seed, tag, index)`: a fresh generator for one entity (song i, artist a, user u),
 *   so that entity can be regenerated at any time without storing it.
 */

/** murmur3's 32-bit finaliser: a good avalanche on one word. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Hash of a seed, a tag and an index that may be up to 2^53 (split into two 32-bit words). */
export function hashKey(seed: number, tag: number, index: number): number {
  const lo = index >>> 0;
  const hi = Math.floor(index / 4294967296) >>> 0;
  let h = mix32(seedWord(seed) ^ Math.imul(tag + 1, 0x9e3779b9));
  h = mix32(h ^ lo);
  h = mix32(h ^ Math.imul(hi + 1, 0x27d4eb2f));
  return h;
}

/** Folds any finite number (including negative and non-integer seeds) into 32 bits, stably. */
export function seedWord(seed: number): number {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  return mix32(lo ^ mix32(hi ^ 0x5bd1e995));
}

const TWO_POW_32 = 4294967296;

/** sfc32: small, fast, 128-bit state, passes PractRand; all 32-bit integer arithmetic. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  private constructor(key: number, rounds: number) {
    this.a = mix32(key ^ 0xa0761d64);
    this.b = mix32(key ^ 0xe7037ed1);
    this.c = mix32(key ^ 0x8ebc6af0);
    this.d = 1;
    for (let i = 0; i < rounds; i++) this.u32();
  }

  static stream(seed: number, tag: number): Rng {
    return new Rng(hashKey(seed, tag, 0), 12);
  }

  static entity(seed: number, tag: number, index: number): Rng {
    // The key is already well mixed, so a short warm-up is enough; entities are created often.
    return new Rng(hashKey(seed, tag, index), 4);
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / TWO_POW_32;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** Standard normal (Box-Muller; one value per call keeps the draw count fixed per call). */
  normal(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.float());
  }

  /** Log-normal with the given median and log-space standard deviation. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }
}

/**
 * A distribution given by its quantiles: [probability, value] pairs from p = 0 to p = 1, sampled by
 * linear interpolation of the inverse CDF. Used to reproduce measured shapes (durations, years)
 * from a handful of summary numbers.
 */
export class QuantileTable {
  private readonly ps: Float64Array;
  private readonly vs: Float64Array;

  constructor(points: readonly (readonly [number, number])[]) {
    if (points.length < 2 || points[0]![0] !== 0 || points[points.length - 1]![0] !== 1) {
      throw new RangeError('QuantileTable needs points from p = 0 to p = 1');
    }
    this.ps = Float64Array.from(points.map((p) => p[0]));
    this.vs = Float64Array.from(points.map((p) => p[1]));
  }

  at(u: number): number {
    const ps = this.ps;
    let i = 1;
    while (i < ps.length - 1 && ps[i]! <= u) i++;
    const p0 = ps[i - 1]!;
    const p1 = ps[i]!;
    const v0 = this.vs[i - 1]!;
    const v1 = this.vs[i]!;
    return p1 === p0 ? v1 : v0 + ((v1 - v0) * (u - p0)) / (p1 - p0);
  }

  sample(rng: Rng): number {
    return this.at(rng.float());
  }
}

/**
 * Rank in [0, n) from a bounded power law P(rank r) ~ (r + 1)^-s, by inverting the continuous
 * approximation of its CDF. s = 1 is Zipf; smaller s flattens the head.
 */
export function powerLawRank(n: number, s: number, u: number): number {
  if (n <= 1) return 0;
  let r: number;
  if (Math.abs(s - 1) < 1e-9) {
    r = Math.floor(Math.exp(u * Math.log(n + 1))) - 1;
  } else {
    const a = 1 - s;
    r = Math.floor(Math.pow((Math.pow(n + 1, a) - 1) * u + 1, 1 / a)) - 1;
  }
  return r < 0 ? 0 : r >= n ? n - 1 : r;
}

/**
 * A cheap bijection on [0, n) used to scatter popularity ranks over entity indexes, so the most
 * played songs are not the first ones written. Multiplication by a unit modulo n, plus an offset.
 */
export class Scatter {
  private readonly n: number;
  private readonly mult: number;
  private readonly offset: number;

  constructor(n: number, key: number) {
    this.n = Math.max(1, n);
    let mult = (key % this.n) | 1;
    while (gcd(mult, this.n) !== 1) mult = (mult + 2) % this.n || 1;
    this.mult = mult;
    this.offset = mix32(key ^ 0x2545f491) % this.n;
  }

  map(rank: number): number {
    // rank * mult can exceed 2^53 for huge n; split the product to stay exact.
    const n = this.n;
    const hi = Math.floor(rank / 65536);
    const lo = rank % 65536;
    const prod = (((hi * this.mult) % n) * 65536 + lo * this.mult) % n;
    return (prod + this.offset) % n;
  }
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Weighted choice by binary search over cumulative weights. */
export class WeightedChoice<T> {
  private readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    if (entries.length === 0) throw new RangeError('WeightedChoice needs at least one entry');
    this.items = entries.map((e) => e[0]);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach((e, i) => {
      sum += e[1];
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  at(u: number): T {
    const target = u * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }

  sample(rng: Rng): T {
    return this.at(rng.float());
  }
}

/** Inverse of the standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
export function probit(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) return -probit(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

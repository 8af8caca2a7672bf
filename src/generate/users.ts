/**
 * The listener pool. Per user only two numbers are kept (activity and current level, typed arrays,
 * ~9 bytes a user); names, place, browser and registration are regenerated from (seed, user) when a
 * session starts.
 *
 * Activity is heavy tailed like the real logs (there the top 5 of 97 users make 38% of events):
 * a log-normal weight assigned by stratified quantiles, so the pool's spread does not depend on
 * luck even for a few dozen users. More active users are more often paid subscribers (real: 15 of 97
 * users start paid but paid events are 78% of all).
 */
import { USER_METROS } from './places.ts';
import { FIRST_NAMES_FEMALE, FIRST_NAMES_MALE, LAST_NAMES } from './words.ts';
import { USER_AGENTS, userAgentText } from './user-agents.ts';
import { hashKey, probit, Rng, Scatter, WeightedChoice } from './random.ts';

const TAG_USER = 31;
const ACTIVITY_SIGMA = 1.0;
const FEMALE_SHARE = 0.57;
const REGISTERED_WITHIN_DAYS = 14;

/** User names in the real logs are plain ASCII. */
const USER_LAST_NAMES = LAST_NAMES.filter((name) => /^[A-Za-z]+$/.test(name));
const METROS = new WeightedChoice<string>(USER_METROS.map((m) => [m.text, m.weight] as const));
const AGENTS = new WeightedChoice<string>(USER_AGENTS.map((a) => [userAgentText(a.text), a.weight] as const));

export interface UserProfile {
  readonly userId: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly gender: 'F' | 'M';
  readonly location: string;
  readonly userAgent: string;
  readonly registrationMs: number;
}

export class UserPool {
  readonly size: number;
  /** Relative activity, mean 1. */
  readonly activity: Float64Array;
  /** 1 while the user is a paid subscriber. */
  readonly paid: Uint8Array;
  private readonly seed: number;
  private readonly startSec: number;
  private readonly msOffset: number;

  constructor(seed: number, size: number, startSec: number, msOffset: number) {
    this.seed = seed;
    this.size = size;
    this.startSec = startSec;
    this.msOffset = msOffset;
    this.activity = new Float64Array(size);
    this.paid = new Uint8Array(size);
    const ranks = new Scatter(size, hashKey(seed, 32, 0));
    for (let u = 0; u < size; u++) {
      const q = (ranks.map(u) + 0.5) / size;
      this.activity[u] = Math.exp(ACTIVITY_SIGMA * probit(q) - (ACTIVITY_SIGMA * ACTIVITY_SIGMA) / 2);
      const rng = Rng.entity(seed, TAG_USER + 1, u);
      this.paid[u] = rng.chance(0.03 + 0.36 * q * q) ? 1 : 0;
    }
  }

  profile(user: number): UserProfile {
    const rng = Rng.entity(this.seed, TAG_USER, user);
    const gender = rng.chance(FEMALE_SHARE) ? 'F' : 'M';
    const firstName = rng.pick(gender === 'F' ? FIRST_NAMES_FEMALE : FIRST_NAMES_MALE);
    const lastName = rng.pick(USER_LAST_NAMES);
    const location = METROS.sample(rng);
    const userAgent = AGENTS.sample(rng);
    const registeredSec = this.startSec - 3600 - rng.int(REGISTERED_WITHIN_DAYS * 86400);
    return {
      userId: String(user + 1),
      firstName,
      lastName,
      gender,
      location,
      userAgent,
      registrationMs: registeredSec * 1000 + this.msOffset,
    };
  }
}

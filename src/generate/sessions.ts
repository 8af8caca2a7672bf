/**
 * One listening session as a script of steps (page, logged in or out, level), drawn when the session
 * starts. Its shape follows the real logs:
 * - ~8% of sessions begin logged out (Home or Login with no user); some never log in;
 * - logged-in sessions open on Home or straight on a song;
 * - songs per session follow the measured quantiles per level (free: median 1, paid: median 15,
 *   up to ~120);
 * - between songs, now and then another page: Home, Settings (+ Save Settings), Help, About,
 *   Upgrade (free) / Downgrade (paid), Error, or Logout, which is followed by a logged-out Home
 *   and either a Login back into the same session or the end of it;
 * - Submit Upgrade / Submit Downgrade change the level for the steps after them (the Submit
 *   event itself still carries the old level, as in the real logs).
 */
import { Page } from './pages.ts';
import { QuantileTable, type Rng, WeightedChoice } from './random.ts';

export const LOGGED_OUT = 16;
export const PAID = 32;
export const PAGE_MASK = 15;

const ANON_START = 0.1;
const ANON_HOME_FIRST = 0.68;
const ANON_BROWSE = 0.3;
const ANON_LOGIN_AFTER_HOME = 0.5;
const START_HOME = 0.25;
const INTERLUDE_FREE = 0.16;
const INTERLUDE_PAID = 0.045;
const TRAILING_PAGE = 0.2;
const SAVE_SETTINGS = 0.2;
const SUBMIT_UPGRADE = 0.38;
const SUBMIT_DOWNGRADE = 0.04;
const LOGIN_AFTER_LOGOUT = 0.5;
const BROWSE_AFTER_LOGOUT = 0.12;

/** Songs per session, continuous quantiles floored to integers (free users). */
const PLAYS_FREE = new QuantileTable([
  [0, 0],
  [0.18, 0.999],
  [0.18, 1],
  [0.58, 1.999],
  [0.58, 2],
  [0.78, 2.999],
  [0.78, 3],
  [0.88, 3.999],
  [0.88, 4],
  [0.93, 4.999],
  [0.93, 5],
  [0.97, 7],
  [0.99, 10],
  [0.997, 20],
  [1, 60],
]);

/** Songs per session for paid users. */
const PLAYS_PAID = new QuantileTable([
  [0, 0],
  [0.17, 0.999],
  [0.17, 1],
  [0.2, 2],
  [0.25, 3],
  [0.3, 5],
  [0.35, 8],
  [0.4, 10],
  [0.45, 12],
  [0.5, 15],
  [0.55, 18],
  [0.6, 21],
  [0.65, 26],
  [0.7, 31],
  [0.75, 36],
  [0.8, 44],
  [0.85, 51],
  [0.9, 60],
  [0.95, 74],
  [0.97, 90],
  [0.99, 108],
  [1, 125],
]);

type Detour = 'home' | 'logout' | 'settings' | 'help' | 'about' | 'level' | 'error';

const DETOURS_FREE = new WeightedChoice<Detour>([
  ['home', 36],
  ['logout', 13],
  ['settings', 8],
  ['help', 5],
  ['about', 2.5],
  ['level', 6],
  ['error', 1.2],
]);
const DETOURS_PAID = new WeightedChoice<Detour>([
  ['home', 36],
  ['logout', 15],
  ['settings', 10],
  ['help', 5.5],
  ['about', 2],
  ['level', 20],
  ['error', 1.5],
]);

export interface SessionScript {
  readonly steps: number[];
  readonly paidAtEnd: boolean;
}

/** Builds a session's steps for a user whose level is `paid` when it starts. */
export function buildSession(rng: Rng, paid: boolean): SessionScript {
  const steps: number[] = [];
  let level = paid ? PAID : 0;
  const inPage = (page: Page) => steps.push(page | level);
  const outPage = (page: Page) => steps.push(page | level | LOGGED_OUT);

  if (rng.chance(ANON_START)) {
    if (rng.chance(ANON_HOME_FIRST)) {
      outPage(Page.Home);
      if (rng.chance(ANON_BROWSE)) outPage(rng.chance(0.5) ? Page.About : Page.Help);
      if (!rng.chance(ANON_LOGIN_AFTER_HOME)) return { steps, paidAtEnd: paid };
    }
    outPage(Page.Login);
    inPage(Page.Home);
  } else if (rng.chance(START_HOME)) {
    inPage(Page.Home);
  }

  const plays = Math.floor((level === PAID ? PLAYS_PAID : PLAYS_FREE).sample(rng));
  for (let p = 0; p < plays; p++) {
    inPage(Page.NextSong);
    const last = p === plays - 1;
    const interlude = level === PAID ? INTERLUDE_PAID : INTERLUDE_FREE;
    if (!rng.chance(last ? TRAILING_PAGE : interlude)) continue;
    const detour = (level === PAID ? DETOURS_PAID : DETOURS_FREE).sample(rng);
    switch (detour) {
      case 'home':
        inPage(Page.Home);
        break;
      case 'settings':
        inPage(Page.Settings);
        if (rng.chance(SAVE_SETTINGS)) {
          inPage(Page.SaveSettings);
          inPage(Page.Home);
        }
        break;
      case 'help':
        inPage(Page.Help);
        break;
      case 'about':
        inPage(Page.About);
        break;
      case 'error':
        inPage(Page.Error);
        break;
      case 'level':
        if (level === PAID) {
          inPage(Page.Downgrade);
          if (rng.chance(SUBMIT_DOWNGRADE)) {
            inPage(Page.SubmitDowngrade);
            level = 0;
            inPage(Page.Home);
          }
        } else {
          inPage(Page.Upgrade);
          if (rng.chance(SUBMIT_UPGRADE)) {
            inPage(Page.SubmitUpgrade);
            level = PAID;
            inPage(Page.Home);
          }
        }
        break;
      case 'logout':
        inPage(Page.Logout);
        outPage(Page.Home);
        if (rng.chance(BROWSE_AFTER_LOGOUT)) outPage(rng.chance(0.5) ? Page.About : Page.Help);
        if (last || !rng.chance(LOGIN_AFTER_LOGOUT)) return { steps, paidAtEnd: level === PAID };
        outPage(Page.Login);
        inPage(Page.Home);
        break;
    }
  }
  if (plays === 0 && steps.length === 0) inPage(rng.chance(0.9) ? Page.Home : Page.About);
  return { steps, paidAtEnd: level === PAID };
}

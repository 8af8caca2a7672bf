/**
 * Event lines, byte for byte in the real logs' layout: the 18 keys in alphabetical order, compact,
 * '/' escaped, `registration` as a float (`1540919166796.0`), `length` a float or null, `userId` a
 * string that is "" when nobody is logged in (then the user fields are null too).
 *
 * Most of a line is the same for every event of a session, so a session precomputes those runs of
 * text once (as flat strings) and a line is then a dozen concatenations: this is the generator's
 * hot path (10 million lines for a 10 M-event dataset).
 */
import { jsonFloat, jsonString } from './json-text.ts';
import { PAGE_METHODS, PAGE_NAMES, PAGE_STATUS, type Page } from './pages.ts';
import type { UserProfile } from './users.ts';

/** A sequential (non-rope) copy of a concatenated string, so later concatenations stay cheap. */
const flat = (text: string): string => Buffer.from(text, 'latin1').toString('latin1');

interface AuthRuns {
  /** ,"auth":..,"firstName":..,"gender":..,"itemInSession": */
  readonly beforeItem: string;
  /** ,"lastName":..,"length": */
  readonly beforeLength: string;
  /** ,"level":"free","location":.. and the same for "paid" */
  readonly levelFree: string;
  readonly levelPaid: string;
  /** ,"method":..,"page":..,"registration":..,"sessionId":..,"song": per page, built on first use */
  readonly beforeSong: (string | undefined)[];
  readonly registration: string;
  /** ,"userAgent":..,"userId":..} */
  readonly tail: string;
}

const PAGE_RUNS = PAGE_NAMES.map((name, page) => `,"method":"${PAGE_METHODS[page]}","page":"${name}","registration":`);
const STATUS_RUNS = PAGE_STATUS.map((status) => flat(`,"status":${status},"ts":`));

function authRuns(auth: string, user: UserProfile | null): AuthRuns {
  const text = (value: string | undefined) => (user === null || value === undefined ? 'null' : jsonString(value));
  const location = text(user?.location);
  return {
    beforeItem: flat(`,"auth":"${auth}","firstName":${text(user?.firstName)},"gender":${text(user?.gender)},"itemInSession":`),
    beforeLength: flat(`,"lastName":${text(user?.lastName)},"length":`),
    levelFree: flat(`,"level":"free","location":${location}`),
    levelPaid: flat(`,"level":"paid","location":${location}`),
    beforeSong: new Array<string | undefined>(PAGE_NAMES.length),
    registration: user === null ? 'null' : `${user.registrationMs}.0`,
    tail: flat(`,"userAgent":${text(user?.userAgent)},"userId":${user === null ? '""' : jsonString(user.userId)}}`),
  };
}

/** The line writer of one session of one user (its logged-in and logged-out events). */
export class SessionLines {
  private readonly sessionId: number;
  private readonly loggedIn: AuthRuns;
  private readonly loggedOut: AuthRuns;

  constructor(user: UserProfile, sessionId: number) {
    this.sessionId = sessionId;
    this.loggedIn = authRuns('Logged In', user);
    this.loggedOut = authRuns('Logged Out', null);
  }

  /** `artist` and `song` are JSON literals ('null' off NextSong); `length` null off NextSong. */
  line(page: Page, loggedIn: boolean, paid: boolean, itemInSession: number, ts: number, artist: string, song: string, length: number | null): string {
    const runs = loggedIn ? this.loggedIn : this.loggedOut;
    const beforeSong = runs.beforeSong[page] ?? this.beforeSong(runs, page);
    return (
      '{"artist":' +
      artist +
      runs.beforeItem +
      itemInSession +
      runs.beforeLength +
      (length === null ? 'null' : jsonFloat(length)) +
      (paid ? runs.levelPaid : runs.levelFree) +
      beforeSong +
      song +
      STATUS_RUNS[page] +
      ts +
      runs.tail
    );
  }

  private beforeSong(runs: AuthRuns, page: Page): string {
    const text = flat(`${PAGE_RUNS[page]}${runs.registration},"sessionId":${this.sessionId},"song":`);
    runs.beforeSong[page] = text;
    return text;
  }
}

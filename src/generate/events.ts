/**
 * The event simulation: users as independent processes, merged in time order through a min-heap,
 * written straight to the day files. Memory is the user pool (two numbers per user), the heap
 * (one entry per user) and the scripts of the sessions in progress; nothing grows with the
 * number of events.
 *
 * Time model (UTC), shaped on the real logs:
 * - sessions start as a Poisson process per user, rate = 0.32 sessions/day x the user's activity,
 *   modulated by hour of day (peak 15-17h UTC) and weekday (weekends about half), by thinning;
 * - within a session, the next song starts when the previous one ends: ts + floor(length) seconds;
 *   a page visit after a song comes either when it ends or part way through it;
 * - other pages are followed after a log-normal pause (median tens of seconds to a few minutes);
 * - timestamps have one-second resolution plus a constant millisecond part (every real ts and
 *   registration ends in .796 s), so distinct events can share a ts as in the real data.
 */
import { SessionLines } from './event-line.ts';
import { Schedule } from './heap.ts';
import type { LogWriter } from './log-writer.ts';
import { Page } from './pages.ts';
import type { PlayPicker } from './plays.ts';
import { Rng } from './random.ts';
import { buildSession, LOGGED_OUT, PAGE_MASK, PAID } from './sessions.ts';
import type { UserPool } from './users.ts';

export const SESSIONS_PER_USER_DAY = 0.32;
export const MS_OFFSET = 796;
const TAG_EVENTS = 41;
const MIN_SESSION_GAP_SEC = 300;

/** Session starts by UTC hour (relative), smoothed from the real logs. */
const HOUR_PROFILE = [20, 20, 19, 19, 22, 26, 28, 28, 30, 36, 40, 44, 50, 64, 74, 86, 78, 60, 50, 40, 32, 27, 22, 20];
/** By UTC weekday, Sunday first. */
const WEEKDAY_PROFILE = [0.45, 1.0, 1.0, 1.15, 0.95, 1.05, 0.6];
const MEAN_PROFILE = mean(HOUR_PROFILE) * mean(WEEKDAY_PROFILE);
const MAX_PROFILE = Math.max(...HOUR_PROFILE) * Math.max(...WEEKDAY_PROFILE);

/** Median pause in seconds after each page (indexed by Page), before the next event. */
const PAUSE_MEDIAN = [0, 60, 30, 30, 100, 40, 120, 30, 5, 60, 15, 60, 20];

export interface EventTotals {
  events: number;
  nextSongEvents: number;
  matchedPlays: number;
  users: number;
  sessions: number;
}

interface ActiveSession {
  readonly id: number;
  readonly steps: number[];
  readonly paidAtEnd: boolean;
  readonly lines: SessionLines;
  item: number;
}

export interface SimulationInput {
  readonly seed: number;
  readonly events: number;
  readonly startSec: number;
  readonly users: UserPool;
  readonly plays: PlayPicker;
  readonly writer: LogWriter;
  readonly onRow?: (done: number) => void;
}

export async function simulateEvents(input: SimulationInput): Promise<EventTotals> {
  const { users, plays, writer } = input;
  const rng = Rng.stream(input.seed, TAG_EVENTS);
  const schedule = new Schedule(users.size);
  const active = new Map<number, ActiveSession>();
  const seen = new Uint8Array(users.size);
  const totals: EventTotals = { events: 0, nextSongEvents: 0, matchedPlays: 0, users: 0, sessions: 0 };

  for (let u = 0; u < users.size; u++) schedule.push(nextSessionStart(rng, users.activity[u]!, input.startSec), u);

  while (totals.events < input.events && schedule.size > 0) {
    const time = schedule.peekTime();
    const user = schedule.pop();
    let session = active.get(user);
    if (session === undefined) {
      const script = buildSession(rng, users.paid[user] === 1);
      const id = ++totals.sessions;
      session = {
        id,
        steps: script.steps,
        paidAtEnd: script.paidAtEnd,
        lines: new SessionLines(users.profile(user), id),
        item: 0,
      };
      active.set(user, session);
    }

    const step = session.steps[session.item]!;
    const page = (step & PAGE_MASK) as Page;
    const loggedIn = (step & LOGGED_OUT) === 0;
    let artist = 'null';
    let song = 'null';
    let length: number | null = null;
    if (page === Page.NextSong) {
      const play = plays.pick(rng);
      artist = play.artistJson;
      song = play.songJson;
      length = play.length;
      totals.nextSongEvents++;
      if (play.matched) totals.matchedPlays++;
    }
    if (loggedIn && seen[user] === 0) {
      seen[user] = 1;
      totals.users++;
    }

    const day = Math.floor(time / 86400);
    if (day !== writer.day) await writer.openDay(day);
    const paid = (step & PAID) !== 0;
    const line = session.lines.line(page, loggedIn, paid, session.item, time * 1000 + MS_OFFSET, artist, song, length);
    if (writer.push(line)) await writer.flush();
    totals.events++;
    if (input.onRow) input.onRow(totals.events);

    session.item++;
    const next = session.item < session.steps.length ? session.steps[session.item]! & PAGE_MASK : -1;
    const after = time + pauseAfter(rng, page, length, next);
    if (next === -1) {
      active.delete(user);
      users.paid[user] = session.paidAtEnd ? 1 : 0;
      schedule.push(nextSessionStart(rng, users.activity[user]!, after + MIN_SESSION_GAP_SEC), user);
    } else {
      schedule.push(after, user);
    }
  }
  await writer.close();
  return totals;
}

/** Seconds from an event to the next one of the same session (or to the session's end). */
function pauseAfter(rng: Rng, page: Page, length: number | null, next: number): number {
  if (page === Page.NextSong) {
    const full = Math.floor(length!);
    if (next === Page.NextSong || next === -1) return full;
    // Leaving a song for another page: at its end, or part way through it.
    return rng.chance(0.5) ? full + rng.int(20) : rng.int(full + 1);
  }
  return Math.min(3600, Math.floor(rng.logNormal(PAUSE_MEDIAN[page]!, 1.1)));
}

/** Next session start after `fromSec`: a Poisson process thinned by hour and weekday profiles. */
function nextSessionStart(rng: Rng, activity: number, fromSec: number): number {
  const ratePerSec = (SESSIONS_PER_USER_DAY * activity) / 86400;
  const boundedRate = (ratePerSec * MAX_PROFILE) / MEAN_PROFILE;
  let t = fromSec;
  for (;;) {
    t += rng.exponential(1 / boundedRate);
    const hour = Math.floor(t / 3600) % 24;
    const weekday = (Math.floor(t / 86400) + 4) % 7; // 1970-01-01 was a Thursday
    const factor = HOUR_PROFILE[hour]! * WEEKDAY_PROFILE[weekday]!;
    if (rng.float() * MAX_PROFILE < factor) return Math.floor(t);
  }
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * A tiny star schema written by hand, small enough that every analytics answer can be worked out
 * on paper (the expected values in analytics.test.ts are). 2018-11-04 was a Sunday.
 *
 *  play  start_time (UTC)          user level song  session/item  location    agent
 *   1    2018-11-04 10:00:00.000   1    free  One   100/0         Austin, TX  Chrome on Mac
 *   2    2018-11-04 10:05:00.000   1    free  Two   100/1         Austin, TX  Chrome on Mac
 *   3    2018-11-04 23:30:00.000   1    paid  One   101/0         Austin, TX  Chrome on Mac
 *   4    2018-11-05 10:00:00.000   2    free  One   200/0         Boston, MA  Firefox on Windows
 *   5    2018-11-05 11:00:00.000   2    free  -     200/1         Boston, MA  Firefox on Windows
 *   6    2018-11-05 11:00:00.500   3    paid  Three 300/0         Austin, TX  Safari on iPhone
 *   7    2018-11-06 08:15:00.000   3    free  Three 301/0         Austin, TX  Safari on iPhone
 *   8    2018-11-06 08:20:00.000   1    paid  One   102/0         Austin, TX  Chromium on Linux
 */
export const CHROME_MAC = '"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_4) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.143 Safari/537.36"';
export const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 5.1; rv:31.0) Gecko/20100101 Firefox/31.0';
export const SAFARI_IPHONE =
  '"Mozilla/5.0 (iPhone; CPU iPhone OS 7_1_2 like Mac OS X) AppleWebKit/537.51.2 (KHTML, like Gecko) Version/7.0 Mobile/11D257 Safari/9537.53"';
export const CHROMIUM_LINUX =
  '"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Ubuntu Chromium/36.0.1985.125 Chrome/36.0.1985.125 Safari/537.36"';

export const USERS = [
  ['1', 'Ann', 'Lee', 'F', 'paid'],
  ['2', 'Bob', 'Ray', 'M', 'free'],
  ['3', 'Cat', 'Kim', 'F', 'free'],
];

/** The level runs of the plays above (in this fixture, every event is a play); current rows end NULL. */
export const LEVEL_HISTORY = [
  ['1', 'free', '2018-11-04 10:00:00.000', '2018-11-04 23:30:00.000'],
  ['1', 'paid', '2018-11-04 23:30:00.000', null],
  ['2', 'free', '2018-11-05 10:00:00.000', null],
  ['3', 'paid', '2018-11-05 11:00:00.500', '2018-11-06 08:15:00.000'],
  ['3', 'free', '2018-11-06 08:15:00.000', null],
];

export const ARTISTS = [
  ['A1', 'Alpha', 'Austin, TX', 30.27, -97.74],
  ['A2', 'Beta', null, null, null],
];

export const SONGS = [
  ['S1', 'One', 'A1', 2001, 200.5],
  ['S2', 'Two', 'A1', null, 180.25],
  ['S3', 'Three', 'A2', 1999, 240],
];

export const SONGPLAYS: (string | number | null)[][] = [
  [1, '2018-11-04 10:00:00.000', '1', 'free', 'S1', 'A1', 100, 0, 'Austin, TX', CHROME_MAC],
  [2, '2018-11-04 10:05:00.000', '1', 'free', 'S2', 'A1', 100, 1, 'Austin, TX', CHROME_MAC],
  [3, '2018-11-04 23:30:00.000', '1', 'paid', 'S1', 'A1', 101, 0, 'Austin, TX', CHROME_MAC],
  [4, '2018-11-05 10:00:00.000', '2', 'free', 'S1', 'A1', 200, 0, 'Boston, MA', FIREFOX_WINDOWS],
  [5, '2018-11-05 11:00:00.000', '2', 'free', null, null, 200, 1, 'Boston, MA', FIREFOX_WINDOWS],
  [6, '2018-11-05 11:00:00.500', '3', 'paid', 'S3', 'A2', 300, 0, 'Austin, TX', SAFARI_IPHONE],
  [7, '2018-11-06 08:15:00.000', '3', 'free', 'S3', 'A2', 301, 0, 'Austin, TX', SAFARI_IPHONE],
  [8, '2018-11-06 08:20:00.000', '1', 'paid', 'S1', 'A1', 102, 0, 'Austin, TX', CHROMIUM_LINUX],
];

/** Rows are inserted with bound values, table by table; time is derived the way the transform does. */
export const INSERTS: readonly { sql: string; rows: readonly (readonly unknown[])[] }[] = [
  { sql: 'INSERT INTO users (user_id, first_name, last_name, gender, level) VALUES ($1, $2, $3, $4, $5)', rows: USERS },
  { sql: 'INSERT INTO user_level_history (user_id, level, valid_from, valid_to) VALUES ($1, $2, $3, $4)', rows: LEVEL_HISTORY },
  { sql: 'INSERT INTO artists (artist_id, name, location, latitude, longitude) VALUES ($1, $2, $3, $4, $5)', rows: ARTISTS },
  { sql: 'INSERT INTO songs (song_id, title, artist_id, year, duration) VALUES ($1, $2, $3, $4, $5)', rows: SONGS },
  {
    sql: `INSERT INTO time (start_time, hour, day, week, month, year, weekday)
          SELECT ts, EXTRACT(hour FROM ts), EXTRACT(day FROM ts), EXTRACT(week FROM ts),
                 EXTRACT(month FROM ts), EXTRACT(year FROM ts), EXTRACT(dow FROM ts)
          FROM (SELECT CAST($1 AS TIMESTAMP(3)) AS ts) AS t`,
    rows: SONGPLAYS.map((play) => [play[1]]),
  },
  {
    sql: `INSERT INTO songplays (songplay_id, start_time, user_id, level, song_id, artist_id, session_id, item_in_session, location, user_agent)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    rows: SONGPLAYS,
  },
];

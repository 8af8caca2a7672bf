import { describe, expect, it } from 'vitest';
import { scaledEvents, scaledSong } from '#src/bench/scaled-public.ts';

const SONG =
  '{"num_songs": 1, "artist_id": "ARD7TVE1187B99BFB1", "artist_latitude": null, "artist_name": "Casual \\"C\\"", "song_id": "SOMZWCG12A8C13C480", "title": "I Didn\'t Mean To", "duration": 218.93179, "year": 0}';
const EVENT =
  '{"artist":"Casual \\"C\\"","auth":"Logged In","firstName":"Jayden","gender":"M","itemInSession":0,"lastName":"Bell","length":218.93179,"level":"free","location":"Dallas","method":"PUT","page":"NextSong","registration":1540991795796.0,"sessionId":829,"song":"I Didn\'t Mean To","status":200,"ts":1543537327796,"userAgent":"Mozilla\\/5.0","userId":"91"}';
const LOGGED_OUT = '{"artist":null,"auth":"Logged Out","page":"Home","sessionId":52,"song":null,"ts":1541207073796,"userId":""}';

describe('the public data scaled: copy k of a song file and of an event line', () => {
  it('makes ids, titles and names distinct per copy and keeps every other byte', () => {
    expect(JSON.parse(scaledSong(SONG, 7))).toEqual({
      ...JSON.parse(SONG),
      artist_id: 'ARD7TVE1187B99BFB1-7',
      song_id: 'SOMZWCG12A8C13C480-7',
      artist_name: 'Casual "C" #7',
      title: "I Didn't Mean To #7",
    });
    const event = scaledEvents(EVENT, 3);
    // Number text (1540991795796.0) and escapes (\/) stay as written: the loader sees the real bytes.
    expect(event).toContain('"registration":1540991795796.0');
    expect(event).toContain('"userAgent":"Mozilla\\/5.0"');
    expect(JSON.parse(event)).toEqual({
      ...JSON.parse(EVENT),
      artist: 'Casual "C" #3',
      song: "I Didn't Mean To #3",
      sessionId: 300_829,
      userId: '30091',
      ts: 1543537327796 + 3 * 30 * 24 * 3600 * 1000,
    });
  });

  it('matches copy k of a play to copy k of its song only', () => {
    const song = JSON.parse(scaledSong(SONG, 5));
    const play = JSON.parse(scaledEvents(EVENT, 5));
    expect([play.song, play.artist]).toEqual([song.title, song.artist_name]);
    expect(JSON.parse(scaledEvents(EVENT, 6)).song).not.toBe(song.title);
  });

  it('leaves logged-out events without a user or song as they are, but for session and time', () => {
    expect(JSON.parse(scaledEvents(LOGGED_OUT, 2))).toEqual({ ...JSON.parse(LOGGED_OUT), sessionId: 200_052, ts: 1541207073796 + 2 * 30 * 24 * 3600 * 1000 });
  });
});

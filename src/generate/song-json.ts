/** One song object as the real files hold it: compact, keys in alphabetical order. */
import type { Song } from './catalog.ts';
import { jsonFloat, jsonQuirky } from './json-text.ts';

const coordinate = (value: number | null): string => (value === null ? 'null' : jsonFloat(value));

export function songJson(song: Song): string {
  const a = song.artist;
  return (
    `{"artist_id":"${song.artistId}","artist_latitude":${coordinate(a.latitude)},` +
    `"artist_location":${jsonQuirky(a.location)},"artist_longitude":${coordinate(a.longitude)},` +
    `"artist_name":${jsonQuirky(a.name)},"duration":${jsonFloat(song.duration)},"num_songs":1,` +
    `"song_id":"${song.songId}","title":${jsonQuirky(song.title)},"year":${song.year}}`
  );
}

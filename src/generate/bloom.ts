/**
 * A Bloom filter over the catalog's (title, artist) pairs, built while the song files are written.
 * Plays that must not match the catalog are redrawn whenever the filter says "maybe present", so
 * no non-matching play can join by accident (a false positive only costs a redraw). About 12 bits
 * per song: 15 MB for 10 million songs.
 */
const HASHES = 7;

export class PairFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  constructor(expectedEntries: number) {
    let size = 1024;
    while (size < expectedEntries * 12 && size < 2 ** 31) size *= 2;
    this.bits = new Uint32Array(size / 32);
    this.mask = size - 1;
  }

  add(title: string, artist: string): void {
    let h1 = hashText(title, artist, 0x811c9dc5);
    const h2 = hashText(title, artist, 0x01000193) | 1;
    for (let i = 0; i < HASHES; i++) {
      const bit = (h1 >>> 0) & this.mask;
      this.bits[bit >>> 5]! |= 1 << (bit & 31);
      h1 = (h1 + h2) | 0;
    }
  }

  mightContain(title: string, artist: string): boolean {
    let h1 = hashText(title, artist, 0x811c9dc5);
    const h2 = hashText(title, artist, 0x01000193) | 1;
    for (let i = 0; i < HASHES; i++) {
      const bit = (h1 >>> 0) & this.mask;
      if ((this.bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
      h1 = (h1 + h2) | 0;
    }
    return true;
  }
}

/** FNV-1a over both strings with a separator, finished with a murmur3 mix. */
function hashText(title: string, artist: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < title.length; i++) h = Math.imul(h ^ title.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ 0x1f, 0x01000193);
  for (let i = 0; i < artist.length; i++) h = Math.imul(h ^ artist.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

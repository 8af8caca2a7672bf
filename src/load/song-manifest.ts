import { renderCreateTable } from '../schema/render-ddl.ts';
import { songManifest } from '../schema/tables.ts';
import type { DdlDialect } from '../schema/types.ts';
import type { SourceObject } from '../sources/types.ts';
import { loadSql } from '../sql/sql-files.ts';
import type { Queryable } from '../warehouse/types.ts';

/**
 * How a run loads the song catalog. `append`: only these song files are new, and nothing that was
 * loaded changed or disappeared, so they are appended to staging_songs. `full`: staging_songs is
 * emptied and every file loaded (a full refresh, --full-songs, a first partition run, or a loaded
 * file that changed or disappeared).
 */
export type SongLoadPlan =
  | { readonly mode: 'append'; readonly objects: readonly SourceObject[]; readonly total: number }
  | { readonly mode: 'full'; readonly reason: string; readonly total: number };

interface ManifestRow {
  source_key: string;
  size: number;
  version: string | null;
}

export async function ensureManifestTable(warehouse: Queryable, ddl: DdlDialect): Promise<void> {
  await warehouse.query(renderCreateTable(songManifest, ddl), [], `create ${songManifest.name}`);
}

/** Compares the listed song files with the manifest of loaded ones. */
export async function planSongLoad(warehouse: Queryable, listed: readonly SourceObject[]): Promise<SongLoadPlan> {
  const { rows } = await warehouse.query<ManifestRow>(loadSql('load/manifest_rows'), [], 'read the song manifest');
  if (rows.length === 0) return { mode: 'full', reason: 'no song files loaded yet', total: listed.length };
  const loaded = new Map(rows.map((row) => [row.source_key, row]));
  const fresh: SourceObject[] = [];
  const changed: string[] = [];
  for (const object of listed) {
    const known = loaded.get(object.uri);
    if (!known) fresh.push(object);
    else if (Number(known.size) !== object.size || (known.version ?? undefined) !== object.version) changed.push(object.uri);
    loaded.delete(object.uri);
  }
  if (changed.length > 0) return { mode: 'full', reason: `${changed.length} song file(s) changed since loaded (e.g. ${changed[0]})`, total: listed.length };
  if (loaded.size > 0) return { mode: 'full', reason: `${loaded.size} loaded song file(s) removed (e.g. ${[...loaded.keys()][0]})`, total: listed.length };
  return { mode: 'append', objects: fresh, total: listed.length };
}

const ROWS_PER_INSERT = 1000;

/** Records loaded song files, inside the staging transaction; `replace` forgets the earlier ones first. */
export async function recordManifest(session: Queryable, objects: readonly SourceObject[], replace: boolean): Promise<void> {
  if (replace) await session.query(loadSql('load/clear_manifest'), [], 'clear the song manifest');
  for (let start = 0; start < objects.length; start += ROWS_PER_INSERT) {
    const chunk = objects.slice(start, start + ROWS_PER_INSERT);
    const rows = chunk.map((_, i) => `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`).join(', ');
    const values = chunk.flatMap((object) => [object.uri, object.size, object.version ?? null]);
    await session.query(loadSql('load/insert_manifest_rows', { fragments: { rows } }), values, 'record song files');
  }
}

/** A full refresh reloads every song file without the manifest; forgetting it makes the next partition run rescan. */
export async function forgetManifest(warehouse: Queryable): Promise<void> {
  await warehouse.query(loadSql('load/clear_manifest'), [], 'clear the song manifest');
}

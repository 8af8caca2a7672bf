import type { Dialect } from '../schema/types.ts';

/**
 * The text a SQL file's `{{dialect:x}}` placeholders take. One file serves every engine; what differs
 * in the statement's text is only this. (A type, not an interface, so it is a `Record<string, string>`
 * for loadSql.) Kept apart from the adapters so that a reader of SQL, such as the analytics runner,
 * does not load the loaders the adapters bring.
 */
export type DialectSqlText = {
  /**
   * Written right after a text expression whose order decides a result (a ranking tie-break, the
   * smallest name): makes it sort in byte order (binary UTF-8), Redshift's order, whatever collation
   * the server or database was initialised with.
   */
  readonly byte_order: string;
  /**
   * Written after `LIKE <table>` in CREATE TABLE: what the copy of a table's definition includes
   * beyond its columns, types and NOT NULLs.
   */
  readonly like_options: string;
};

const SQL_TEXT: Readonly<Record<Dialect, DialectSqlText>> = Object.freeze({
  // A server initialised with a user's locale (en_US.UTF-8, an ICU default) orders text linguistically,
  // 'alpha' before 'Beta'; the C collation compares bytes, as Redshift does.
  postgres: Object.freeze({ byte_order: ' COLLATE "C"', like_options: ' INCLUDING DEFAULTS INCLUDING IDENTITY' }),
  // Redshift compares text byte by byte (case-sensitive) unless a database or column was created
  // CASE_INSENSITIVE, which this tool never does; its COLLATE is a function of two names
  // (case_sensitive, case_insensitive), not PostgreSQL's `COLLATE "C"`. So nothing is added.
  // LIKE copies the distribution and sort keys by default; INCLUDING DEFAULTS is not needed (no star
  // column has a default).
  redshift: Object.freeze({ byte_order: '', like_options: '' }),
});

/** The `{{dialect:x}}` text of a dialect (its adapter's `sqlText`). */
export function dialectSqlText(dialect: Dialect): DialectSqlText {
  return SQL_TEXT[dialect];
}

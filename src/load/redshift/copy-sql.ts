import type { TableDefinition } from '../../schema/types.ts';
import { quoteLiteral } from '../../sql/quote.ts';
import { loadSql } from '../../sql/sql-files.ts';

/** Redshift refuses a MAXERROR above this; larger settings are capped (and the caller says so). */
export const REDSHIFT_MAX_ERRORS = 100_000;

export interface CopyStatement {
  readonly table: TableDefinition;
  /** s3:// key prefix. */
  readonly source: string;
  /** An s3:// JSONPaths file, or 'auto' / 'auto ignorecase'. */
  readonly jsonFormat: string;
  readonly iamRoleArn: string;
  readonly region: string;
  readonly maxErrors: number;
  /** ACCEPTINVCHARS AS this character; undefined leaves the option out (invalid UTF-8 is then an error). */
  readonly acceptInvChars?: string;
}

/** `COPY <table> FROM 's3://...' IAM_ROLE ... FORMAT AS JSON ...` for one staging table. */
export function renderCopyStaging(copy: CopyStatement): string {
  if (!Number.isSafeInteger(copy.maxErrors) || copy.maxErrors < 0 || copy.maxErrors > REDSHIFT_MAX_ERRORS) {
    throw new RangeError(`MAXERROR must be a whole number from 0 to ${REDSHIFT_MAX_ERRORS}, not ${copy.maxErrors}`);
  }
  return loadSql('redshift/copy_staging', {
    identifiers: { table: copy.table.name },
    identifierLists: { columns: copy.table.columns.map((c) => c.name) },
    literals: { source: copy.source, iam_role: copy.iamRoleArn, json_format: copy.jsonFormat, region: copy.region },
    fragments: {
      max_errors: String(copy.maxErrors),
      accept_inv_chars: copy.acceptInvChars === undefined ? '' : ` ACCEPTINVCHARS AS ${quoteLiteral(copy.acceptInvChars)}`,
    },
  });
}

export function renderEmptyStagingTable(table: TableDefinition): string {
  return loadSql('redshift/empty_staging_table', { identifiers: { table: table.name } });
}

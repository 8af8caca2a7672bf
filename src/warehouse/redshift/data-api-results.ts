import type { ColumnMetadata, Field } from '@aws-sdk/client-redshift-data';

/**
 * Data API result rows as objects, with the same JavaScript types the pg engines give: integers,
 * floats and numerics as numbers, booleans, timestamps as Date (UTC, like the product's pg parser),
 * dates as local-midnight Date (like node-postgres), everything else as text.
 */
export function decodeRecords(columns: readonly ColumnMetadata[], records: readonly Field[][]): Record<string, unknown>[] {
  const decoders = columns.map((column) => decoderFor(column.typeName ?? ''));
  const names = columns.map((column, i) => column.name ?? column.label ?? `column${i + 1}`);
  return records.map((record) => {
    const row: Record<string, unknown> = {};
    record.forEach((field, i) => {
      row[names[i]!] = field.isNull ? null : decoders[i]!(field);
    });
    return row;
  });
}

type Decoder = (field: Field) => unknown;

const rawValue: Decoder = (field) => field.stringValue ?? field.longValue ?? field.doubleValue ?? field.booleanValue ?? field.blobValue ?? null;

function decoderFor(typeName: string): Decoder {
  switch (typeName.toLowerCase()) {
    case 'int2':
    case 'int4':
    case 'int8':
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'oid':
    case 'float4':
    case 'float8':
    case 'real':
    case 'double precision':
    case 'numeric':
    case 'decimal':
      return (field) => field.longValue ?? field.doubleValue ?? Number(field.stringValue);
    case 'bool':
    case 'boolean':
      return (field) => field.booleanValue ?? field.stringValue === 't';
    case 'timestamp':
      return (field) => (field.stringValue === undefined ? rawValue(field) : new Date(`${field.stringValue.replace(' ', 'T')}Z`));
    case 'timestamptz':
      return (field) => (field.stringValue === undefined ? rawValue(field) : new Date(isoOffset(field.stringValue)));
    case 'date':
      return (field) => {
        const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(field.stringValue ?? '');
        return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : rawValue(field);
      };
    default:
      return rawValue;
  }
}

/** '2018-11-01 21:01:46.796+00' -> '2018-11-01T21:01:46.796+00:00' (what Date parses everywhere). */
function isoOffset(text: string): string {
  return text.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
}

/**
 * log_json_path.json: the Redshift JSONPaths file mapping each event field, in column order, for
 * `COPY staging_events ... FORMAT AS JSON`. Same bytes as the public copy: 4-space indentation,
 * no newline at the end.
 */
export const EVENT_FIELDS = [
  'artist',
  'auth',
  'firstName',
  'gender',
  'itemInSession',
  'lastName',
  'length',
  'level',
  'location',
  'method',
  'page',
  'registration',
  'sessionId',
  'song',
  'status',
  'ts',
  'userAgent',
  'userId',
] as const;

export function jsonPathsText(): string {
  const paths = EVENT_FIELDS.map((field) => `        "$['${field}']"`).join(',\n');
  return `{\n    "jsonpaths": [\n${paths}\n    ]\n}`;
}

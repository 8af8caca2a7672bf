/**
 * The two XML dialects of the AWS query protocols, as the SDK v3 parsers read them
 * (@aws-sdk/core AwsQueryProtocol / AwsEc2QueryProtocol): the root element is dropped, awsQuery
 * services nest the output in `<ActionResult>`, EC2 puts it directly under the root; errors are
 * `<ErrorResponse><Error><Code>` (awsQuery) or `<Response><Errors><Error><Code>` (EC2).
 */
export type Dialect = 'query' | 'ec2';

/** Params of a form-encoded request; keys such as `Tags.member.1.Key` as the SDK sends them. */
export type Params = ReadonlyMap<string, string>;

/** An AWS error to answer with: the wire code (e.g. `ClusterNotFound`) and HTTP status. */
export class AwsFault extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/** `<name>value</name>`, or nothing for undefined; values are escaped, nested XML passes as `Xml`. */
export function el(name: string, value: string | number | boolean | Xml | undefined): string {
  if (value === undefined) return '';
  const body = value instanceof Xml ? value.text : escapeXml(String(value));
  return `<${name}>${body}</${name}>`;
}

export class Xml {
  constructor(readonly text: string) {}
}

export function xml(...parts: string[]): Xml {
  return new Xml(parts.join(''));
}

/** A list: `<outer><member>..</member>...</outer>` (member element name varies per service/shape). */
export function list(outer: string, member: string, items: readonly Xml[]): string {
  return el(outer, xml(...items.map((item) => el(member, item))));
}

export function successBody(dialect: Dialect, namespace: string, action: string, requestId: string, result: Xml | undefined): string {
  const head = '<?xml version="1.0" encoding="UTF-8"?>';
  if (dialect === 'ec2') return `${head}<${action}Response xmlns="${namespace}">${el('requestId', requestId)}${result?.text ?? ''}</${action}Response>`;
  const nested = result ? el(`${action}Result`, result) : '';
  return `${head}<${action}Response xmlns="${namespace}">${nested}${el('ResponseMetadata', xml(el('RequestId', requestId)))}</${action}Response>`;
}

export function errorBody(dialect: Dialect, namespace: string, fault: AwsFault, requestId: string): string {
  const head = '<?xml version="1.0" encoding="UTF-8"?>';
  const error = xml(el('Code', fault.code), el('Message', fault.message));
  if (dialect === 'ec2') return `${head}<Response>${el('Errors', xml(el('Error', error)))}${el('RequestID', requestId)}</Response>`;
  return `${head}<ErrorResponse xmlns="${namespace}">${el('Error', xml(el('Type', fault.status >= 500 ? 'Receiver' : 'Sender'), error.text))}${el('RequestId', requestId)}</ErrorResponse>`;
}

/** The numbered members under `prefix` (`Tags.member.`), each as its own params (`Key`, `Value`). */
export function members(params: Params, prefix: string): Params[] {
  const groups = new Map<number, Map<string, string>>();
  for (const [key, value] of params) {
    if (!key.startsWith(prefix)) continue;
    const match = /^(\d+)(?:\.(.*))?$/.exec(key.slice(prefix.length));
    if (!match) continue;
    const index = Number(match[1]);
    const group = groups.get(index) ?? new Map<string, string>();
    group.set(match[2] ?? '', value);
    groups.set(index, group);
  }
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([, group]) => group);
}

/** A list of scalars: `IamRoles.IamRoleArn.1`, `IamRoles.IamRoleArn.2`, ... */
export function values(params: Params, prefix: string): string[] {
  return members(params, prefix)
    .map((group) => group.get(''))
    .filter((value): value is string => value !== undefined);
}

export function required(params: Params, name: string): string {
  const value = params.get(name);
  if (value === undefined || value === '') throw new AwsFault('MissingParameter', `The request must contain the parameter ${name}`);
  return value;
}

export function tagsFrom(groups: readonly Params[]): { key: string; value: string }[] {
  return groups.map((tag) => ({ key: tag.get('Key') ?? '', value: tag.get('Value') ?? '' }));
}

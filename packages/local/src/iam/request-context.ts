/** The request's condition keys (lower-cased, as IAM compares key names without case) and their values. */
export type RequestContext = ReadonlyMap<string, string>;

/** A request context from `{ 'aws:PrincipalArn': '…' }`-style keys. */
export function requestContext(values: Readonly<Record<string, string | undefined>>): RequestContext {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(values))
    if (value !== undefined) out.set(key.toLowerCase(), value);
  return out;
}

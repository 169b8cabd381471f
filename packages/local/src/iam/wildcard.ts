/**
 * IAM's wildcard match: `*` is any run of characters (none included), `?` is any one character, everything
 * else is literal. Actions compare without case; resources and condition values with it.
 */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  // Iterative glob with one backtrack point: linear in practice, no regex built per call.
  let pi = 0;
  let vi = 0;
  let star = -1;
  let mark = 0;
  while (vi < v.length) {
    const c = p[pi];
    if (c === '?' || (c !== undefined && c !== '*' && c === v[vi])) {
      pi++;
      vi++;
    } else if (c === '*') {
      star = pi++;
      mark = vi;
    } else if (star >= 0) {
      pi = star + 1;
      vi = ++mark;
    } else return false;
  }
  while (p[pi] === '*') pi++;
  return pi === p.length;
}

/**
 * `ArnLike` / the Resource element: the six colon-separated parts (`arn:partition:service:region:account:resource`)
 * are matched one by one, so a wildcard does not run from one part into the next; the resource part is
 * everything after the fifth colon. A pattern that is not an ARN is matched as a whole.
 */
export function arnMatch(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const patternParts = arnParts(pattern);
  const arnPartsOf = arnParts(arn);
  if (patternParts === undefined || arnPartsOf === undefined) return wildcardMatch(pattern, arn);
  return patternParts.every((part, i) => wildcardMatch(part, arnPartsOf[i] ?? ''));
}

function arnParts(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

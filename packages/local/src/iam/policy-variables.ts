import type { RequestContext } from './request-context.js';

const VARIABLE = /\$\{([^}]*)\}/g;
const ESCAPES: Readonly<Record<string, string>> = { '*': '*', '?': '?', $: '$' };

/**
 * Put the request's values in for `${aws:PrincipalArn}`-style policy variables (and `${*}`, `${?}`, `${$}`
 * for the literal characters). Undefined when a variable names a key the request does not have: then the
 * resource or value matches nothing, as in IAM.
 */
export function substituteVariables(text: string, context: RequestContext): string | undefined {
  if (!text.includes('${')) return text;
  let unresolved = false;
  const out = text.replace(VARIABLE, (_whole, inner: string) => {
    const [name = '', fallback] = inner.split(',').map((part) => part.trim());
    const escaped = ESCAPES[name];
    if (escaped !== undefined) return escaped;
    const value = context.get(name.toLowerCase());
    if (value !== undefined) return value;
    // `${key, 'default'}`: the default when the key is missing.
    if (fallback !== undefined && /^'.*'$/.test(fallback)) return fallback.slice(1, -1);
    unresolved = true;
    return '';
  });
  return unresolved ? undefined : out;
}

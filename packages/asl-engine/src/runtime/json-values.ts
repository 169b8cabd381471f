/** Small helpers over plain JSON values: fresh copies, and how error causes show a value. */

/** A fresh copy of a JSON value (a template's static part must not be shared between results). */
export function copyJson(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(copyJson);
  const out: Record<string, unknown> = {};
  for (const key in v) out[key] = copyJson((v as Record<string, unknown>)[key]);
  return out;
}

/** JSON text for error causes, tolerant of undefined. */
export function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? 'null';
  } catch {
    return String(v);
  }
}

/** The JSON type name Step Functions reports in "unexpected result type" causes. */
export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v === undefined) return 'undefined';
  return typeof v;
}

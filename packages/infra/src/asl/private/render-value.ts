import { PathRef } from '../json-path.js';

/** Drops keys whose value is undefined (keeps null: `ResultPath: null` means "discard the result"). */
export function dropUndefined(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value;
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Copies a payload template: plain objects and arrays are copied, `PathRef` values become `key.$` fields,
 * and every other value (strings, numbers, Pulumi Outputs, …) is kept as the very same value, never unwrapped.
 */
export function renderTemplate(value: unknown): unknown {
  if (value instanceof PathRef) return value.path;
  if (Array.isArray(value)) return value.map(renderTemplate);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined) continue;
    if (field instanceof PathRef) out[key.endsWith('.$') ? key : `${key}.$`] = field.path;
    else out[key] = renderTemplate(field);
  }
  return out;
}

/** Renders a JSONPath field (`InputPath`, `ItemsPath`, …) given as a string or a PathRef. */
export function renderPath(value: string | PathRef | null | undefined): string | null | undefined {
  return value instanceof PathRef ? value.path : value;
}

/** Every value in a template that is a PathRef inside an array (JSONPath cannot evaluate those). */
export function pathRefsInArrays(value: unknown, inArray = false): number {
  if (value instanceof PathRef) return inArray ? 1 : 0;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + pathRefsInArrays(v, true), 0);
  if (!isPlainObject(value)) return 0;
  return Object.values(value).reduce((n: number, v) => n + pathRefsInArrays(v, false), 0);
}

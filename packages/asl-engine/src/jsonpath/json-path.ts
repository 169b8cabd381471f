/**
 * A JSONPath evaluator with the semantics Step Functions inherits from Jayway JsonPath:
 * a definite path yields one value (or "not found"); an indefinite path (wildcards, slices,
 * filters, unions, deep scan) yields the list of matches.
 */

type Segment =
  | { kind: 'name'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'names'; names: string[] }
  | { kind: 'indexes'; indexes: number[] }
  | { kind: 'wildcard' }
  | { kind: 'slice'; start: number | undefined; end: number | undefined; step: number }
  | { kind: 'deep'; name: string | undefined; wildcard: boolean }
  | { kind: 'filter'; test: FilterExpr }
  | { kind: 'fn'; name: string };

type FilterExpr =
  | { op: 'and' | 'or'; left: FilterExpr; right: FilterExpr }
  | { op: 'not'; expr: FilterExpr }
  | { op: 'cmp'; cmp: string; left: FilterOperand; right: FilterOperand }
  | { op: 'exists'; operand: FilterOperand };

type FilterOperand =
  | { kind: 'path'; root: '@' | '$'; path: CompiledPath }
  | { kind: 'literal'; value: unknown };

/** A parsed JSONPath expression. */
export interface CompiledPath {
  readonly source: string;
  readonly segments: readonly Segment[];
  readonly definite: boolean;
}

/** Thrown when a path is malformed. */
export class JsonPathSyntaxError extends Error {
  override readonly name = 'JsonPathSyntaxError';
}

const cache = new Map<string, CompiledPath>();

/** Parses (and caches) a JSONPath that starts with `$` or `@`. */
export function compilePath(source: string): CompiledPath {
  const hit = cache.get(source);
  if (hit) return hit;
  const p = new PathParser(source);
  const compiled = p.parseRooted();
  if (cache.size > 10_000) cache.clear();
  cache.set(source, compiled);
  return compiled;
}

export const NOT_FOUND: unique symbol = Symbol('NOT_FOUND');

/**
 * Evaluates a path against a root. Definite paths return the value or NOT_FOUND;
 * indefinite paths return an array of matches.
 */
export function queryPath(path: CompiledPath, root: unknown, docRoot: unknown = root): unknown {
  if (path.definite) {
    let cur: unknown = root;
    for (const seg of path.segments) {
      cur = stepDefinite(seg, cur);
      if (cur === NOT_FOUND) return NOT_FOUND;
    }
    return cur;
  }
  let current: unknown[] = [root];
  for (const seg of path.segments) {
    const next: unknown[] = [];
    for (const v of current) stepIndefinite(seg, v, next, docRoot);
    current = next;
  }
  return current;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stepDefinite(seg: Segment, cur: unknown): unknown {
  switch (seg.kind) {
    case 'name':
      if (isObject(cur) && Object.hasOwn(cur, seg.name)) return cur[seg.name];
      return NOT_FOUND;
    case 'index': {
      if (!Array.isArray(cur)) return NOT_FOUND;
      const i = seg.index < 0 ? cur.length + seg.index : seg.index;
      return i >= 0 && i < cur.length ? cur[i] : NOT_FOUND;
    }
    case 'fn':
      return applyFn(seg.name, cur);
    default:
      return NOT_FOUND;
  }
}

function applyFn(name: string, cur: unknown): unknown {
  switch (name) {
    case 'length':
      if (Array.isArray(cur)) return cur.length;
      if (typeof cur === 'string') return cur.length;
      if (isObject(cur)) return Object.keys(cur).length;
      return NOT_FOUND;
    case 'size':
      return Array.isArray(cur) ? cur.length : NOT_FOUND;
    default:
      return NOT_FOUND;
  }
}

function stepIndefinite(seg: Segment, v: unknown, out: unknown[], docRoot: unknown): void {
  switch (seg.kind) {
    case 'name':
    case 'index':
    case 'fn': {
      const r = stepDefinite(seg, v);
      if (r !== NOT_FOUND) out.push(r);
      return;
    }
    case 'names':
      if (isObject(v)) for (const n of seg.names) if (Object.hasOwn(v, n)) out.push(v[n]);
      return;
    case 'indexes':
      if (Array.isArray(v))
        for (const i0 of seg.indexes) {
          const i = i0 < 0 ? v.length + i0 : i0;
          if (i >= 0 && i < v.length) out.push(v[i]);
        }
      return;
    case 'wildcard':
      if (Array.isArray(v)) out.push(...v);
      else if (isObject(v)) out.push(...Object.values(v));
      return;
    case 'slice': {
      if (!Array.isArray(v)) return;
      const len = v.length;
      const norm = (x: number | undefined, d: number) =>
        x === undefined ? d : x < 0 ? Math.max(len + x, 0) : Math.min(x, len);
      const start = norm(seg.start, 0);
      const end = norm(seg.end, len);
      for (let i = start; i < end; i += seg.step) out.push(v[i]);
      return;
    }
    case 'deep':
      deepScan(v, seg, out);
      return;
    case 'filter':
      if (Array.isArray(v)) {
        for (const item of v) if (evalFilter(seg.test, item, docRoot)) out.push(item);
      } else if (isObject(v)) {
        for (const item of Object.values(v)) if (evalFilter(seg.test, item, docRoot)) out.push(item);
      }
      return;
  }
}

function deepScan(v: unknown, seg: { name: string | undefined; wildcard: boolean }, out: unknown[]): void {
  if (Array.isArray(v)) {
    if (seg.wildcard) out.push(...v);
    for (const x of v) deepScan(x, seg, out);
  } else if (isObject(v)) {
    if (seg.wildcard) out.push(...Object.values(v));
    else if (seg.name !== undefined && Object.hasOwn(v, seg.name)) out.push(v[seg.name]);
    for (const x of Object.values(v)) deepScan(x, seg, out);
  }
}

function operandValue(o: FilterOperand, item: unknown, docRoot: unknown): unknown {
  if (o.kind === 'literal') return o.value;
  const r = queryPath(o.path, o.root === '@' ? item : docRoot, docRoot);
  if (!o.path.definite) return r;
  return r;
}

function evalFilter(f: FilterExpr, item: unknown, docRoot: unknown): boolean {
  switch (f.op) {
    case 'and':
      return evalFilter(f.left, item, docRoot) && evalFilter(f.right, item, docRoot);
    case 'or':
      return evalFilter(f.left, item, docRoot) || evalFilter(f.right, item, docRoot);
    case 'not':
      return !evalFilter(f.expr, item, docRoot);
    case 'exists': {
      const v = operandValue(f.operand, item, docRoot);
      return (
        v !== NOT_FOUND &&
        !(Array.isArray(v) && f.operand.kind === 'path' && !f.operand.path.definite && v.length === 0)
      );
    }
    case 'cmp': {
      const a = operandValue(f.left, item, docRoot);
      const b = operandValue(f.right, item, docRoot);
      if (a === NOT_FOUND || b === NOT_FOUND) return f.cmp === '!=' ? a !== b : false;
      return compare(f.cmp, a, b);
    }
  }
}

function compare(op: string, a: unknown, b: unknown): boolean {
  switch (op) {
    case '==':
      return deepEqual(a, b);
    case '!=':
      return !deepEqual(a, b);
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (
        !(
          (typeof a === 'number' && typeof b === 'number') ||
          (typeof a === 'string' && typeof b === 'string')
        )
      )
        return false;
      if (op === '<') return a < b;
      if (op === '<=') return a <= b;
      if (op === '>') return a > b;
      return a >= b;
    }
    case 'in':
      return Array.isArray(b) && b.some((x) => deepEqual(x, a));
    case 'nin':
      return Array.isArray(b) && !b.some((x) => deepEqual(x, a));
    case '=~':
      return typeof a === 'string' && b instanceof RegExp && b.test(a);
    default:
      return false;
  }
}

/** Structural equality for JSON values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k)) return false;
    if (!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

class PathParser {
  private i = 0;
  constructor(private readonly s: string) {}

  private fail(msg: string): never {
    throw new JsonPathSyntaxError(`Invalid JSONPath '${this.s}': ${msg}`);
  }

  parseRooted(): CompiledPath {
    const c = this.s[this.i];
    if (c !== '$' && c !== '@') this.fail('must start with $');
    this.i++;
    const segments = this.parseSegments(false);
    if (this.i < this.s.length) this.fail(`unexpected '${this.s.slice(this.i)}'`);
    return { source: this.s, segments, definite: segments.every(isDefiniteSegment) };
  }

  /** Parses segments; in a filter, stops at an operator or `)`. */
  parseSegments(inFilter: boolean): Segment[] {
    const segs: Segment[] = [];
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === '.') {
        if (s[this.i + 1] === '.') {
          this.i += 2;
          if (s[this.i] === '*') {
            this.i++;
            segs.push({ kind: 'deep', name: undefined, wildcard: true });
          } else if (s[this.i] === '[') {
            // `..[...]`: deep-scan then bracket; approximate as deep wildcard followed by the bracket
            segs.push({ kind: 'deep', name: undefined, wildcard: true });
          } else {
            segs.push({ kind: 'deep', name: this.readName(), wildcard: false });
          }
          continue;
        }
        this.i++;
        if (s[this.i] === '*') {
          this.i++;
          segs.push({ kind: 'wildcard' });
          continue;
        }
        const name = this.readName();
        if (s[this.i] === '(' && s[this.i + 1] === ')') {
          this.i += 2;
          segs.push({ kind: 'fn', name });
          continue;
        }
        segs.push({ kind: 'name', name });
      } else if (c === '[') {
        this.i++;
        segs.push(this.parseBracket());
      } else if (inFilter) {
        break;
      } else {
        this.fail(`unexpected '${c}' at ${this.i}`);
      }
    }
    return segs;
  }

  private readName(): string {
    const s = this.s;
    const start = this.i;
    while (this.i < s.length && !'.[]()=<>!&| '.includes(s.charAt(this.i))) this.i++;
    if (this.i === start) this.fail('empty property name');
    return s.slice(start, this.i);
  }

  private skipWs(): void {
    while (this.s[this.i] === ' ') this.i++;
  }

  private readQuoted(): string {
    const q = this.s[this.i];
    this.i++;
    let out = '';
    while (this.i < this.s.length && this.s[this.i] !== q) {
      // a backslash escapes only the quote character or another backslash
      if (this.s[this.i] === '\\' && (this.s[this.i + 1] === q || this.s[this.i + 1] === '\\')) {
        this.i++;
      }
      out += this.s[this.i];
      this.i++;
    }
    if (this.s[this.i] !== q) this.fail('unterminated string');
    this.i++;
    return out;
  }

  private readNumber(): number | undefined {
    const m = /^-?\d+/.exec(this.s.slice(this.i));
    if (!m) return undefined;
    this.i += m[0].length;
    return Number(m[0]);
  }

  private expect(ch: string): void {
    this.skipWs();
    if (this.s[this.i] !== ch) this.fail(`expected '${ch}' at ${this.i}`);
    this.i++;
  }

  private parseBracket(): Segment {
    this.skipWs();
    const c = this.s[this.i];
    if (c === '*') {
      this.i++;
      this.expect(']');
      return { kind: 'wildcard' };
    }
    if (c === '?') {
      this.i++;
      this.expect('(');
      const test = this.parseOr();
      this.expect(')');
      this.expect(']');
      return { kind: 'filter', test };
    }
    if (c === "'" || c === '"') {
      const first = this.readQuoted();
      const names = [first];
      this.skipWs();
      while (this.s[this.i] === ',') {
        this.i++;
        this.skipWs();
        names.push(this.readQuoted());
        this.skipWs();
      }
      this.expect(']');
      return names.length === 1 ? { kind: 'name', name: first } : { kind: 'names', names };
    }
    // numbers, slices, unions
    const first = this.readNumber();
    this.skipWs();
    if (this.s[this.i] === ':') {
      this.i++;
      const end = this.readNumber();
      let step = 1;
      if (this.s[this.i] === ':') {
        this.i++;
        step = this.readNumber() ?? 1;
      }
      this.expect(']');
      return { kind: 'slice', start: first, end, step: step > 0 ? step : 1 };
    }
    if (first === undefined) this.fail(`bad bracket at ${this.i}`);
    const idx = [first];
    while (this.s[this.i] === ',') {
      this.i++;
      this.skipWs();
      const n = this.readNumber();
      if (n === undefined) this.fail('bad index list');
      idx.push(n);
      this.skipWs();
    }
    this.expect(']');
    return idx.length === 1 ? { kind: 'index', index: first } : { kind: 'indexes', indexes: idx };
  }

  private parseOr(): FilterExpr {
    let left = this.parseAnd();
    this.skipWs();
    while (this.s.startsWith('||', this.i)) {
      this.i += 2;
      left = { op: 'or', left, right: this.parseAnd() };
      this.skipWs();
    }
    return left;
  }

  private parseAnd(): FilterExpr {
    let left = this.parseUnary();
    this.skipWs();
    while (this.s.startsWith('&&', this.i)) {
      this.i += 2;
      left = { op: 'and', left, right: this.parseUnary() };
      this.skipWs();
    }
    return left;
  }

  private parseUnary(): FilterExpr {
    this.skipWs();
    if (this.s[this.i] === '!' && this.s[this.i + 1] !== '=') {
      this.i++;
      return { op: 'not', expr: this.parseUnary() };
    }
    if (this.s[this.i] === '(') {
      this.i++;
      const e = this.parseOr();
      this.expect(')');
      return e;
    }
    const left = this.parseOperand();
    this.skipWs();
    const m = /^(==|!=|<=|>=|<|>|=~| in | nin )/.exec(this.s.slice(this.i));
    if (!m) return { op: 'exists', operand: left };
    this.i += m[0].length;
    const right = this.parseOperand();
    return { op: 'cmp', cmp: m[0].trim(), left, right };
  }

  private parseOperand(): FilterOperand {
    this.skipWs();
    const c = this.s[this.i];
    if (c === '@' || c === '$') {
      this.i++;
      const segments = this.parseSegments(true);
      return {
        kind: 'path',
        root: c,
        path: { source: '', segments, definite: segments.every(isDefiniteSegment) },
      };
    }
    if (c === "'" || c === '"') return { kind: 'literal', value: this.readQuoted() };
    if (c === '/') {
      const end = this.s.indexOf('/', this.i + 1);
      const body = this.s.slice(this.i + 1, end);
      this.i = end + 1;
      let flags = '';
      while (/[a-z]/.test(this.s[this.i] ?? '')) flags += this.s[this.i++];
      return { kind: 'literal', value: new RegExp(body, flags) };
    }
    if (c === '[') {
      // JSON array literal
      let depth = 0;
      const start = this.i;
      do {
        if (this.s[this.i] === '[') depth++;
        else if (this.s[this.i] === ']') depth--;
        this.i++;
      } while (depth > 0 && this.i < this.s.length);
      return { kind: 'literal', value: JSON.parse(this.s.slice(start, this.i).replace(/'/g, '"')) };
    }
    const m = /^(-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null)/.exec(this.s.slice(this.i));
    if (!m) this.fail(`bad filter operand at ${this.i}`);
    this.i += m[0].length;
    return { kind: 'literal', value: JSON.parse(m[0]) };
  }
}

function isDefiniteSegment(s: Segment): boolean {
  return s.kind === 'name' || s.kind === 'index' || s.kind === 'fn';
}

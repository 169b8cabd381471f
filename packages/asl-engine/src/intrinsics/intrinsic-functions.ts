import { createHash, randomUUID } from 'node:crypto';
import { STATES_ERRORS, StatesError } from '../errors.js';
import { deepEqual } from '../jsonpath/json-path.js';

/** A parsed intrinsic function call such as `States.Format('{}', $.x)`. */
export type IntrinsicArg =
  | { kind: 'literal'; value: unknown }
  | { kind: 'path'; path: string }
  | { kind: 'call'; name: string; args: IntrinsicArg[] };

/** Resolves a path argument (`$.x`, `$$.Execution.Id`, `$var.x`). */
export type PathResolver = (path: string) => unknown;

const cache = new Map<string, IntrinsicArg & { kind: 'call' }>();

/** True when a string looks like an intrinsic function call. */
export function isIntrinsic(s: string): boolean {
  return s.startsWith('States.');
}

/** Parses (and caches) an intrinsic function call; throws StatesError(States.Runtime) on bad syntax. */
export function parseIntrinsic(src: string): IntrinsicArg & { kind: 'call' } {
  const hit = cache.get(src);
  if (hit) return hit;
  const p = new IntrinsicParser(src);
  const call = p.parseCall();
  p.skipWs();
  if (p.i !== src.length) p.fail('unexpected trailing text');
  cache.set(src, call);
  return call;
}

class IntrinsicParser {
  i = 0;
  constructor(readonly s: string) {}

  fail(msg: string): never {
    throw new StatesError(STATES_ERRORS.IntrinsicFailure, `Invalid intrinsic function '${this.s}': ${msg}`);
  }

  skipWs(): void {
    while (this.s[this.i] === ' ' || this.s[this.i] === '\t' || this.s[this.i] === '\n') this.i++;
  }

  parseCall(): IntrinsicArg & { kind: 'call' } {
    this.skipWs();
    const m = /^States\.[A-Za-z0-9]+/.exec(this.s.slice(this.i));
    if (!m) this.fail('expected States.<Function>');
    this.i += m[0].length;
    this.skipWs();
    if (this.s[this.i] !== '(') this.fail("expected '('");
    this.i++;
    const args: IntrinsicArg[] = [];
    this.skipWs();
    if (this.s[this.i] === ')') {
      this.i++;
      return { kind: 'call', name: m[0], args };
    }
    for (;;) {
      args.push(this.parseArg());
      this.skipWs();
      const c = this.s[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === ')') {
        this.i++;
        return { kind: 'call', name: m[0], args };
      }
      this.fail(`unexpected '${c ?? 'end'}'`);
    }
  }

  parseArg(): IntrinsicArg {
    this.skipWs();
    const c = this.s[this.i];
    if (c === "'") return { kind: 'literal', value: this.readString() };
    if (c === '$') return { kind: 'path', path: this.readPath() };
    if (this.s.startsWith('States.', this.i)) return this.parseCall();
    const m = /^(-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null)/.exec(this.s.slice(this.i));
    if (!m) this.fail(`bad argument at ${this.i}`);
    this.i += m[0].length;
    return { kind: 'literal', value: JSON.parse(m[0]) };
  }

  readString(): string {
    this.i++;
    let out = '';
    while (this.i < this.s.length) {
      const ch = this.s.charAt(this.i);
      if (ch === '\\') {
        const nx = this.s[this.i + 1];
        // keep escapes of braces so States.Format can tell literal braces from placeholders
        if (nx === '{' || nx === '}') out += '\\' + nx;
        else if (nx !== undefined) out += nx;
        this.i += 2;
        continue;
      }
      if (ch === "'") {
        this.i++;
        return out;
      }
      out += ch;
      this.i++;
    }
    this.fail('unterminated string');
  }

  readPath(): string {
    const start = this.i;
    let depth = 0;
    let quote: string | undefined;
    while (this.i < this.s.length) {
      const ch = this.s.charAt(this.i);
      if (quote) {
        if (ch === '\\') this.i++;
        else if (ch === quote) quote = undefined;
      } else if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '[' || ch === '(') depth++;
      else if (ch === ']' || (ch === ')' && depth > 0)) depth--;
      else if ((ch === ',' || ch === ')') && depth === 0) break;
      this.i++;
    }
    return this.s.slice(start, this.i).trim();
  }
}

function fail(name: string, msg: string): never {
  throw new StatesError(STATES_ERRORS.IntrinsicFailure, `${name}: ${msg}`);
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

function argCount(name: string, args: unknown[], min: number, max = min): void {
  if (args.length < min || args.length > max)
    fail(name, `expected ${min === max ? min : `${min}-${max}`} arguments but got ${args.length}`);
}

/** The algorithms `States.Hash` and JSONata's `$hash` accept, by their Step Functions names (Node's names). */
export const HASH_ALGORITHMS: Readonly<Record<string, string>> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

/** Evaluates a parsed intrinsic call. */
export function evaluateIntrinsic(call: IntrinsicArg, resolve: PathResolver): unknown {
  if (call.kind === 'literal') return call.value;
  if (call.kind === 'path') return resolve(call.path);
  const args = call.args.map((a) => evaluateIntrinsic(a, resolve));
  const fn = FUNCTIONS[call.name];
  if (!fn) fail(call.name, 'unknown intrinsic function');
  return fn(args, call.name, call.args);
}

/** Formats a value the way States.Format / States.JsonToString render it. */
function formatArg(v: unknown): string {
  if (typeof v === 'string') return v;
  // objects and arrays render like Java's Map/List toString(), as Step Functions does
  if (Array.isArray(v)) return `[${v.map(formatArg).join(', ')}]`;
  if (typeof v === 'object' && v !== null)
    return `{${Object.entries(v)
      .map(([k, x]) => `${k}=${formatArg(x)}`)
      .join(', ')}}`;
  return JSON.stringify(v);
}

type IntrinsicFn = (args: unknown[], name: string, raw: IntrinsicArg[]) => unknown;

const FUNCTIONS: Record<string, IntrinsicFn> = {
  'States.Format': (args, name) => {
    if (args.length < 1) fail(name, 'expected a format string');
    const [tpl, ...rest] = args;
    if (typeof tpl !== 'string') fail(name, 'the format string must be a string');
    let out = '';
    let k = 0;
    for (let i = 0; i < tpl.length; i++) {
      const ch = tpl[i];
      if (ch === '\\' && (tpl[i + 1] === '{' || tpl[i + 1] === '}')) {
        out += tpl[i + 1];
        i++;
      } else if (ch === '{' && tpl[i + 1] === '}') {
        if (k >= rest.length) fail(name, 'not enough arguments for the format string');
        out += formatArg(rest[k++]);
        i++;
      } else out += ch;
    }
    if (k !== rest.length) fail(name, 'the number of arguments does not match the placeholders');
    return out;
  },
  'States.StringToJson': (args, name) => {
    argCount(name, args, 1);
    const s = args[0];
    if (typeof s !== 'string') fail(name, 'argument must be a string');
    if (s.trim() === '') return null;
    try {
      return JSON.parse(s);
    } catch {
      fail(name, `invalid JSON: ${s}`);
    }
  },
  'States.JsonToString': (args, name) => {
    argCount(name, args, 1);
    return JSON.stringify(args[0]);
  },
  'States.Array': (args) => args,
  'States.ArrayPartition': (args, name) => {
    argCount(name, args, 2);
    const [arr, size] = args;
    if (!Array.isArray(arr)) fail(name, 'first argument must be an array');
    if (!isInt(size) || size <= 0) fail(name, 'chunk size must be a positive integer');
    const out: unknown[][] = [];
    for (let i = 0; i < arr.length; i += size) out.push(arr.slice(i, i + size));
    return out;
  },
  'States.ArrayContains': (args, name) => {
    argCount(name, args, 2);
    const [arr, v] = args;
    if (!Array.isArray(arr)) fail(name, 'first argument must be an array');
    return arr.some((x) => deepEqual(x, v));
  },
  'States.ArrayRange': (args, name) => {
    argCount(name, args, 3);
    const [a, b, step] = args;
    if (!isInt(a) || !isInt(b) || !isInt(step)) fail(name, 'arguments must be integers');
    if (step === 0) fail(name, 'step must not be 0');
    const out: number[] = [];
    if (step > 0) for (let x = a; x <= b; x += step) out.push(x);
    else for (let x = a; x >= b; x += step) out.push(x);
    if (out.length > 1000) fail(name, 'the result has more than 1000 items');
    return out;
  },
  'States.ArrayGetItem': (args, name) => {
    argCount(name, args, 2);
    const [arr, i] = args;
    if (!Array.isArray(arr)) fail(name, 'first argument must be an array');
    if (!isInt(i) || i < 0) fail(name, 'index must be a non-negative integer');
    if (i >= arr.length) fail(name, `index ${i} out of bounds`);
    return arr[i];
  },
  'States.ArrayLength': (args, name) => {
    argCount(name, args, 1);
    if (!Array.isArray(args[0])) fail(name, 'argument must be an array');
    return args[0].length;
  },
  'States.ArrayUnique': (args, name) => {
    argCount(name, args, 1);
    const arr = args[0];
    if (!Array.isArray(arr)) fail(name, 'argument must be an array');
    const out: unknown[] = [];
    for (const x of arr) if (!out.some((y) => deepEqual(x, y))) out.push(x);
    return out;
  },
  'States.Base64Encode': (args, name) => {
    argCount(name, args, 1);
    const s = args[0];
    if (typeof s !== 'string') fail(name, 'argument must be a string');
    if (s.length > 10_000) fail(name, 'input exceeds 10000 characters');
    return Buffer.from(s, 'utf8').toString('base64');
  },
  'States.Base64Decode': (args, name) => {
    argCount(name, args, 1);
    const s = args[0];
    if (typeof s !== 'string') fail(name, 'argument must be a string');
    if (s.length > 10_000) fail(name, 'input exceeds 10000 characters');
    return Buffer.from(s, 'base64').toString('utf8');
  },
  'States.Hash': (args, name) => {
    argCount(name, args, 2);
    const [data, alg] = args;
    const algorithm = typeof alg === 'string' ? HASH_ALGORITHMS[alg] : undefined;
    if (!algorithm) fail(name, `unsupported algorithm ${String(alg)}`);
    if (data === null || data === undefined) fail(name, 'data must not be null');
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    if (text.length > 10_000) fail(name, 'input exceeds 10000 characters');
    return createHash(algorithm).update(text, 'utf8').digest('hex');
  },
  'States.JsonMerge': (args, name) => {
    argCount(name, args, 3);
    const [a, b, deep] = args;
    if (typeof a !== 'object' || a === null || Array.isArray(a)) fail(name, 'arguments must be objects');
    if (typeof b !== 'object' || b === null || Array.isArray(b)) fail(name, 'arguments must be objects');
    if (typeof deep !== 'boolean') fail(name, 'the third argument must be a boolean');
    if (deep) return deepMerge(a as Record<string, unknown>, b as Record<string, unknown>);
    return { ...a, ...b };
  },
  'States.MathRandom': (args, name) => {
    argCount(name, args, 2, 3);
    const [a, b, seed] = args;
    if (typeof a !== 'number' || typeof b !== 'number') fail(name, 'start and end must be numbers');
    if (seed !== undefined && !isInt(seed)) fail(name, 'seed must be an integer');
    const r = seed === undefined ? Math.random() : seededRandom(seed);
    const lo = Math.round(a);
    return lo + Math.floor(r * (Math.round(b) - lo));
  },
  'States.MathAdd': (args, name) => {
    argCount(name, args, 2);
    const [a, b] = args;
    if (typeof a !== 'number' || typeof b !== 'number') fail(name, 'arguments must be numbers');
    // non-integers are rounded half up (Java Math.round), as Step Functions does
    return Math.round(a) + Math.round(b);
  },
  'States.StringSplit': (args, name) => {
    argCount(name, args, 2);
    const [s, d] = args;
    if (typeof s !== 'string' || typeof d !== 'string') fail(name, 'arguments must be strings');
    if (d === '') return [s];
    const chars = new Set(d);
    const out: string[] = [];
    let cur = '';
    for (const ch of s) {
      if (chars.has(ch)) {
        if (cur !== '') out.push(cur);
        cur = '';
      } else cur += ch;
    }
    if (cur !== '') out.push(cur);
    return out;
  },
  'States.UUID': (args, name) => {
    argCount(name, args, 0);
    return randomUUID();
  },
};

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    if (
      typeof prev === 'object' &&
      prev !== null &&
      !Array.isArray(prev) &&
      typeof v === 'object' &&
      v !== null &&
      !Array.isArray(v)
    )
      out[k] = deepMerge(prev as Record<string, unknown>, v as Record<string, unknown>);
    else out[k] = v;
  }
  return out;
}

function seededRandom(seed: number): number {
  // mulberry32: deterministic for a given seed
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

export { typeName as intrinsicTypeName };

/** Names of calls in a parsed intrinsic that Step Functions does not define. */
export function unknownIntrinsics(call: IntrinsicArg): string[] {
  if (call.kind !== 'call') return [];
  const own = FUNCTIONS[call.name] ? [] : [call.name];
  return own.concat(...call.args.map(unknownIntrinsics));
}

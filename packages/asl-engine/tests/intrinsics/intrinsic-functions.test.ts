import { describe, expect, it } from 'vitest';
import { StatesError } from '../../src/errors.js';
import { evaluateIntrinsic, parseIntrinsic } from '../../src/intrinsics/intrinsic-functions.js';

const input: Record<string, unknown> = {
  name: 'Ann',
  n: 3,
  arr: [1, 2, 2, 3],
  obj: { a: 1 },
  other: { b: 2 },
};
const run = (expr: string) =>
  evaluateIntrinsic(parseIntrinsic(expr), (p) => {
    if (p === '$') return input;
    return input[p.slice(2)];
  });

describe('intrinsic functions', () => {
  it('formats strings, escaping braces and rendering objects like Step Functions', () => {
    expect(run("States.Format('Hello {} ({})', $.name, $.n)")).toBe('Hello Ann (3)');
    expect(run("States.Format('\\{literal\\} {}', 'x')")).toBe('{literal} x');
    expect(run("States.Format('{}', $.obj)")).toBe('{a=1}');
    expect(() => run("States.Format('{} {}', 'one')")).toThrow(StatesError);
  });

  it('converts JSON to and from strings', () => {
    expect(run('States.JsonToString($.obj)')).toBe('{"a":1}');
    expect(run('States.StringToJson(\'{"x":[1]}\')')).toEqual({ x: [1] });
    expect(() => run("States.StringToJson('{bad')")).toThrow(StatesError);
  });

  it('builds and inspects arrays', () => {
    expect(run("States.Array(1, 'two', $.n, null, true)")).toEqual([1, 'two', 3, null, true]);
    expect(run('States.ArrayPartition($.arr, 3)')).toEqual([[1, 2, 2], [3]]);
    expect(run('States.ArrayContains($.arr, 3)')).toBe(true);
    expect(run('States.ArrayRange(1, 9, 2)')).toEqual([1, 3, 5, 7, 9]);
    expect(run('States.ArrayGetItem($.arr, 3)')).toBe(3);
    expect(run('States.ArrayLength($.arr)')).toBe(4);
    expect(run('States.ArrayUnique($.arr)')).toEqual([1, 2, 3]);
    expect(() => run('States.ArrayPartition($.arr, 0)')).toThrow(StatesError);
    expect(() => run('States.ArrayRange(0, 2000, 1)')).toThrow(/1000/);
  });

  it('encodes, decodes and hashes', () => {
    expect(run("States.Base64Encode('Data to encode')")).toBe('RGF0YSB0byBlbmNvZGU=');
    expect(run("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')")).toBe('Data to encode');
    expect(run("States.Hash('input data', 'SHA-1')")).toBe('aaff4a450a104cd177d28d18d74485e8cae074b7');
    expect(() => run("States.Hash('x', 'CRC32')")).toThrow(StatesError);
  });

  it('merges objects, does math, splits strings and makes UUIDs', () => {
    expect(run('States.JsonMerge($.obj, $.other, false)')).toEqual({ a: 1, b: 2 });
    expect(run('States.MathAdd($.n, -1)')).toBe(2);
    const r = run('States.MathRandom(1, 5)') as number;
    expect(r).toBeGreaterThanOrEqual(1);
    expect(r).toBeLessThan(5);
    expect(run('States.MathRandom(1, 1000, 7)')).toBe(run('States.MathRandom(1, 1000, 7)'));
    expect(run("States.StringSplit('a,b;;c', ',;')")).toEqual(['a', 'b', 'c']);
    expect(run('States.UUID()')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('nests calls', () => {
    expect(run('States.ArrayLength(States.Array(States.UUID(), 1))')).toBe(2);
  });

  it('rejects unknown functions and bad syntax', () => {
    expect(() => run('States.Nope(1)')).toThrow(/unknown intrinsic/);
    expect(() => parseIntrinsic("States.Format('x'")).toThrow(StatesError);
  });
});

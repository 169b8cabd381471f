import { describe, expect, it } from 'vitest';
import { formatCents, isWholeCents, toCents } from '../src/money.js';

describe('money', () => {
  it('converts to integer cents without float drift', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(toCents(0.1) + toCents(0.2)).toBe(toCents(0.3));
    expect(toCents(19.99) * 3).toBe(5997);
    expect(toCents(1000)).toBe(100000);
  });

  it('knows whole cents from finer amounts', () => {
    expect(isWholeCents(0.3)).toBe(true);
    expect(isWholeCents(0.1 + 0.2)).toBe(true);
    expect(isWholeCents(4499.99)).toBe(true);
    expect(isWholeCents(1.005)).toBe(false);
    expect(isWholeCents(0.001)).toBe(false);
  });

  it('formats cents', () => {
    expect(formatCents(225050)).toBe('2250.50');
    expect(formatCents(5)).toBe('0.05');
    expect(formatCents(-5)).toBe('-0.05');
  });
});

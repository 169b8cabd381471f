import { describe, expect, it } from 'vitest';
import { pollIntervals } from '../src/index.js';

describe('pollIntervals', () => {
  it('starts short and doubles up to the longest pause', () => {
    const next = pollIntervals(10, 200);
    expect(Array.from({ length: 8 }, next)).toEqual([10, 20, 40, 80, 160, 200, 200, 200]);
  });

  it('never starts above the longest pause', () => {
    const next = pollIntervals(500, 200);
    expect([next(), next()]).toEqual([200, 200]);
  });
});

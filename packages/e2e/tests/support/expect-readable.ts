import { expect } from 'vitest';

/**
 * A reason people read (row, notification, execution cause): a sentence, not a Lambda error document
 * (`{"errorType":…,"trace":[…]}`) and no stack frames with the server's file paths.
 */
export function expectReadableReason(reason: unknown): void {
  expect(reason).toEqual(expect.any(String));
  const text = reason as string;
  expect(text.trim().startsWith('{'), `reason is an error document: ${text}`).toBe(false);
  expect(text, 'reason holds a stack frame').not.toMatch(/\bat .+:\d+:\d+/);
}

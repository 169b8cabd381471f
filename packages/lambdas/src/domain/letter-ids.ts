import { createHash, randomBytes } from 'node:crypto';

/**
 * 24 lower-case letters from bytes: ids (charge ids, tokens, order ids) with no digit run that a
 * card-number masker could mistake for a card.
 */
export function lettersOf(bytes: Uint8Array): string {
  return [...bytes.subarray(0, 24)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('');
}

/** 24 letters derived from `text`: the same text always gives the same id. */
export const lettersFrom = (text: string): string => lettersOf(createHash('sha256').update(text).digest());

/** 24 random letters. */
export const randomLetters = (): string => lettersOf(randomBytes(24));

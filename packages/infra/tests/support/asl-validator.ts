import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
type Validator = (definition: unknown) => { isValid: boolean; errorsText(separator?: string): string };
const aslValidator = require('asl-validator') as Validator;

/** asl-validator's verdict on a definition; it mutates its argument, so it gets a copy. */
export function aslErrors(definition: unknown): string {
  const result = aslValidator(structuredClone(definition));
  return result.isValid ? '' : result.errorsText('\n');
}

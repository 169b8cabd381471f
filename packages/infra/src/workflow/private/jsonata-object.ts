/**
 * Writes a JSONata object constructor from field → expression pairs, in the given key order. JSONata drops
 * keys whose expression is undefined, which is how optional fields stay out of the record and the message.
 */
export function jsonataObject(fields: Readonly<Record<string, string | undefined>>): string {
  const parts = Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, expression]) => `'${key}': ${expression}`);
  return `{ ${parts.join(', ')} }`;
}

/** A DynamoDB attribute value (the subset moto returns for our tables). */
type AttributeValue = Record<string, unknown>;

/** DynamoDB's attribute-value form → plain JSON (S, N, BOOL, NULL, M, L, SS, NS). */
export function unmarshall(item: Record<string, object>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(item).map(([key, value]) => [key, fromAttribute(value as AttributeValue)]),
  );
}

function fromAttribute(value: AttributeValue): unknown {
  if ('S' in value) return value.S;
  if ('N' in value) return Number(value.N);
  if ('BOOL' in value) return value.BOOL;
  if ('NULL' in value) return null;
  if ('M' in value) return unmarshall(value.M as Record<string, AttributeValue>);
  if ('L' in value) return (value.L as AttributeValue[]).map(fromAttribute);
  if ('SS' in value) return value.SS;
  if ('NS' in value) return (value.NS as string[]).map(Number);
  return value;
}

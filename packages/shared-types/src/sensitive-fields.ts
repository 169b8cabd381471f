/**
 * Paths (dot notation from the order root) of the fields that hold card data. They are also marked with
 * `sensitive: true` in the schema's meta (and so in the JSON Schema), and a test keeps the two in step.
 * Nothing downstream of verify-payment should log, store or publish these values.
 */
export const SENSITIVE_FIELDS = ['paymentDetails.cardNumber', 'paymentDetails.expiration'] as const;

/** One of {@link SENSITIVE_FIELDS}. */
export type SensitiveField = (typeof SENSITIVE_FIELDS)[number];

/** Meta attached to a sensitive field in the schema (and emitted into the JSON Schema). */
export const SENSITIVE_META = { sensitive: true, writeOnly: true } as const;

/**
 * Find card data in anything a run leaves behind (history events, rows, notifications, log lines): card
 * numbers and full expiry dates, wherever they stand. Findings name where they were found and show the
 * value masked, so a failing test's report never prints card data in clear.
 *
 * Card numbers: 13-19 digits, bare or in groups split by single spaces or dashes, that pass Luhn and begin
 * with a payment card's major industry identifier (ISO/IEC 7812: 2-6; every card brand the system knows).
 * The identifier keeps epoch-millisecond timestamps (13 digits beginning with 1) from being reported.
 *
 * Expiry dates: a month together with its year, as MM/YY, MM/YYYY, MM-YYYY or YYYY-MM (not part of a longer
 * date such as an ISO timestamp), an object with an expiry month and an expiry year field
 * (`expiryMonth`/`expiryYear`, `exp_month`/`exp_year`, …), or an `expiry`/`expiration` field holding one.
 */

/** What was found: a card number, or a full expiry date. */
export type CardDataKind = 'card-number' | 'expiry';

/** One piece of card data: where it is and what it looks like with its digits masked. */
export interface CardDataFinding {
  readonly kind: CardDataKind;
  /** Where in the scanned value: `history[3].taskScheduledEventDetails.parameters(json).Payload.card`. */
  readonly path: string;
  /** The text around it, every card digit but a card number's last four replaced by `*`. */
  readonly excerpt: string;
}

/** Scan `value` (a string, number, array, object or any nesting of them) for card data; `root` names it. */
export function scanForCardData(value: unknown, root = ''): CardDataFinding[] {
  const findings: CardDataFinding[] = [];
  walk(value, root, findings, new WeakSet());
  return findings;
}

/** The findings as one line each (`kind at path: excerpt`), for assertion messages. */
export function describeFindings(findings: readonly CardDataFinding[]): string {
  return findings.map((f) => `${f.kind} at ${f.path || '(root)'}: ${f.excerpt}`).join('\n');
}

/** True when the digits pass the Luhn check (every card number does; most other numbers do not). */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}

// How far either side of a finding its excerpt reaches.
const EXCERPT_RADIUS = 24;

const MONTH_KEY = /^(?:card[_-]?)?(?:exp|expiry|expiration)[_-]?month$/i;
const YEAR_KEY = /^(?:card[_-]?)?(?:exp|expiry|expiration)[_-]?year$/i;
// `exp` alone is left out: it is a JWT's expiry time (epoch seconds), not a card's.
const EXPIRY_KEY = /^(?:card[_-]?)?(?:expiry|expiration)(?:[_-]?date)?$/i;
const PLAIN_MONTH_KEY = /^(?:month|mm)$/i;
const PLAIN_YEAR_KEY = /^(?:year|yy|yyyy)$/i;
// Under an expiry key a month and a year in any usual layout: MMYY, M/YY, MM.YYYY, YYYY-MM, …
const EXPIRY_VALUE =
  /^(?:(?:0?[1-9]|1[0-2])\s*[/.\- ]?\s*(?:\d{2}|20\d{2})|20\d{2}\s*[/.-]\s*(?:0?[1-9]|1[0-2]))$/;

function walk(value: unknown, path: string, findings: CardDataFinding[], seen: WeakSet<object>): void {
  if (typeof value === 'string') {
    scanString(value, path, findings, seen);
    return;
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    findings.push(...scanText(String(value), path));
    return;
  }
  if (value instanceof Date) {
    if (!Number.isNaN(value.getTime())) findings.push(...scanText(value.toISOString(), path));
    return;
  }
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) walk(item, `${path}[${index}]`, findings, seen);
    return;
  }
  const record = value as Record<string, unknown>;
  const pair = expiryPair(record);
  if (pair !== undefined) findings.push({ kind: 'expiry', path: path || '(root)', excerpt: pair });
  for (const [key, child] of Object.entries(record)) {
    const childPath = joinKey(path, key);
    const before = findings.length;
    walk(child, childPath, findings, seen);
    if (findings.length === before && EXPIRY_KEY.test(key) && holdsExpiry(child)) {
      findings.push({ kind: 'expiry', path: childPath, excerpt: `${key}: ${maskAllDigits(show(child))}` });
    }
  }
}

/** A string that holds JSON is scanned as the structure it encodes (so field names count), else as text. */
function scanString(text: string, path: string, findings: CardDataFinding[], seen: WeakSet<object>): void {
  const trimmed = text.trim();
  // Only objects and arrays: a bare number in quotes would lose digits to JSON.parse.
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const parsed = tryParseJson(trimmed);
    if (parsed !== undefined) {
      walk(parsed, `${path}(json)`, findings, seen);
      return;
    }
  }
  findings.push(...scanText(text, path));
}

/** A month and a year side by side in one object (`expiryMonth`/`expiryYear`), masked; else undefined. */
function expiryPair(record: Record<string, unknown>): string | undefined {
  const keys = Object.keys(record);
  const month = keys.find((k) => MONTH_KEY.test(k) && isPresent(record[k]));
  const year = keys.find((k) => YEAR_KEY.test(k) && isPresent(record[k]));
  if (month === undefined || year === undefined) return undefined;
  return `${month}: ${maskAllDigits(show(record[month]))}, ${year}: ${maskAllDigits(show(record[year]))}`;
}

/** What an `expiry` field may hold: a month and a year (`1227`, `1/27`, `2027-12`) or an object of them. */
function holdsExpiry(value: unknown): boolean {
  if (typeof value === 'number') return EXPIRY_VALUE.test(String(value));
  if (typeof value === 'string') return EXPIRY_VALUE.test(value.trim());
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const record = value as Record<string, unknown>;
  return (
    keys.some((k) => PLAIN_MONTH_KEY.test(k) && isPresent(record[k])) &&
    keys.some((k) => PLAIN_YEAR_KEY.test(k) && isPresent(record[k]))
  );
}

function isPresent(value: unknown): boolean {
  return (typeof value === 'string' && /\d/.test(value)) || typeof value === 'number';
}

interface Span {
  readonly kind: CardDataKind;
  readonly start: number;
  readonly end: number;
}

/** The card data in one piece of text, each with an excerpt of the text where every finding is masked. */
function scanText(text: string, path: string): CardDataFinding[] {
  const spans = [...cardNumberSpans(text), ...expirySpans(text)].sort((a, b) => a.start - b.start);
  if (spans.length === 0) return [];
  const masked = maskSpans(text, spans);
  return spans.map((span) => ({ kind: span.kind, path: path || '(root)', excerpt: excerpt(masked, span) }));
}

// A maximal run of digit groups, each split from the next by one space or dash.
const DIGIT_CHAIN = /\d+(?:[ -]\d+)*/g;

// A UUID (request ids, execution ids): its all-digit middle groups can read as a card printed in groups
// (`9118fbcc-f155-4123-8456-72530b81f27e` holds 4123-8456-72530, which passes Luhn). No card is printed so.
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/** `text` with every UUID blanked out (same length, so the spans found still index `text`). */
function withoutUuids(text: string): string {
  return text.replace(UUID, (uuid) => '_'.repeat(uuid.length));
}

/**
 * Card numbers in `text`: within each chain of digit groups, the first run of whole groups (longest first)
 * of 13-19 digits that passes Luhn and starts like a card; a separated group must be 3-6 digits long, as
 * card numbers are printed. A bare run longer than 19 digits is some other number, and a UUID holds none.
 */
function cardNumberSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const chain of withoutUuids(text).matchAll(DIGIT_CHAIN)) {
    const groups: DigitGroup[] = [...chain[0].matchAll(/\d+/g)].map((g) => ({
      start: chain.index + g.index,
      end: chain.index + g.index + g[0].length,
      digits: g[0],
    }));
    for (let i = 0; i < groups.length; ) {
      const card = cardAt(groups.slice(i), groups.length === 1);
      if (card === undefined) {
        i += 1;
        continue;
      }
      spans.push({ kind: 'card-number', start: card.start, end: card.end });
      i += card.groups;
    }
  }
  return spans;
}

interface DigitGroup {
  readonly start: number;
  readonly end: number;
  readonly digits: string;
}

/** The longest card number made of the first groups of `groups` (a lone run, or grouped as printed). */
function cardAt(
  groups: readonly DigitGroup[],
  alone: boolean,
): { start: number; end: number; groups: number } | undefined {
  const [first] = groups;
  if (first === undefined) return undefined;
  if (alone || first.digits.length >= 13) {
    return isCardNumber(first.digits) ? { start: first.start, end: first.end, groups: 1 } : undefined;
  }
  let digits = '';
  let card: { start: number; end: number; groups: number } | undefined;
  for (const [index, group] of groups.entries()) {
    if (group.digits.length < 3 || group.digits.length > 6) break;
    digits += group.digits;
    if (digits.length > 19) break;
    if (isCardNumber(digits)) card = { start: first.start, end: group.end, groups: index + 1 };
  }
  return card;
}

function isCardNumber(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && /^[2-6]/.test(digits) && passesLuhn(digits);
}

// Not glued to a letter, digit or another date separator: `2026-12-04T01:02:03Z` holds no expiry.
const BEFORE = String.raw`(?<![A-Za-z0-9/.:\-])`;
const AFTER = String.raw`(?![A-Za-z0-9/.:\-])`;
const MONTH = '(?:0[1-9]|1[0-2])';
const EXPIRY_PATTERNS = [
  new RegExp(`${BEFORE}${MONTH} ?/ ?(?:\\d{2}|20\\d{2})${AFTER}`, 'g'), // MM/YY, MM/YYYY
  new RegExp(`${BEFORE}${MONTH}-20\\d{2}${AFTER}`, 'g'), // MM-YYYY
  new RegExp(`${BEFORE}20\\d{2}-${MONTH}${AFTER}`, 'g'), // YYYY-MM
];

function expirySpans(text: string): Span[] {
  return EXPIRY_PATTERNS.flatMap((pattern) =>
    [...text.matchAll(pattern)].map((m) => ({
      kind: 'expiry' as const,
      start: m.index,
      end: m.index + m[0].length,
    })),
  );
}

/** `text` with the digits of every span masked (a card number keeps its last four); same length. */
function maskSpans(text: string, spans: readonly Span[]): string {
  const chars = [...text];
  for (const span of spans) {
    const digitPositions: number[] = [];
    for (let i = span.start; i < span.end; i++) if (/\d/.test(text[i] ?? '')) digitPositions.push(i);
    const keep = span.kind === 'card-number' ? 4 : 0;
    for (const position of digitPositions.slice(0, digitPositions.length - keep)) chars[position] = '*';
  }
  return chars.join('');
}

function excerpt(masked: string, span: Span): string {
  const from = Math.max(0, span.start - EXCERPT_RADIUS);
  const to = Math.min(masked.length, span.end + EXCERPT_RADIUS);
  return `${from > 0 ? '…' : ''}${masked.slice(from, to)}${to < masked.length ? '…' : ''}`;
}

function maskAllDigits(text: string): string {
  return text.replace(/\d/g, '*');
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}

function joinKey(path: string, key: string): string {
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
